import { type RefObject, useEffect, useState } from 'react';

/**
 * Whether the element has come near the viewport (within `margin`, default 400 px) — and stays true once it has. For
 * parts below the first screen that cost a request or heavy code (the footer's source list, charts, maps): they load
 * when the reader scrolls towards them (or a screen reader moves there, which scrolls), not during the first view.
 * Without IntersectionObserver it is true at once. Printing also makes it true (`beforeprint`), so a printed page
 * asks for what it holds below the screen; a tall (full-page) viewport meets the observer's margin on its own.
 */
export function useNearViewport(ref: RefObject<Element | null>, margin = 400): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      { rootMargin: `${margin}px 0px` },
    );
    observer.observe(element);
    const onPrint = () => setNear(true);
    window.addEventListener('beforeprint', onPrint);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', onPrint);
    };
  }, [ref, near, margin]);
  return near;
}
