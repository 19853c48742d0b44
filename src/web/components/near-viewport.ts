import { type RefObject, useEffect, useState } from 'react';

/**
 * Whether the element has come near the viewport (within `margin`, default 400 px) — and stays true once it has. For
 * parts below the first screen that cost a request or heavy code (the footer's source list, charts, maps): they load
 * when the reader scrolls towards them (or a screen reader moves there, which scrolls), not during the first view.
 * Without IntersectionObserver it is true at once.
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
    return () => observer.disconnect();
  }, [ref, near, margin]);
  return near;
}
