/**
 * The server's first view (docs/adr/0004-first-view.md) is usable before the app starts: a keyboard user may
 * already have tabbed to the skip link or a menu link when React replaces that HTML with the same elements of its
 * own, which would drop the focus back to the top of the page. These two functions carry the focus across: which
 * element has it (by id, else by link target), and giving it to the app's element of the same identity.
 */

/** A selector for the focused element inside `root`, or null when nothing there has focus or it cannot be named. */
export function focusedSelector(root: HTMLElement, doc: Document = document): string | null {
  const el = doc.activeElement;
  if (!el || el === doc.body || !root.contains(el)) return null;
  if (el.id) return `#${CSS.escape(el.id)}`;
  const href = el.getAttribute('href');
  if (href) return `${el.tagName.toLowerCase()}[href="${CSS.escape(href)}"]`;
  return null;
}

/**
 * Follows the focus inside the server's view (the user may move on, e.g. from the skip link to the main content)
 * and, once the app has replaced the focused element, focuses the app's element of the same identity. Checks every
 * frame, for at most `frames` frames.
 */
export function keepFocusAcrossRender(root: HTMLElement, frames = 300, doc: Document = document): void {
  let current: Element | null = null;
  let selector: string | null = null;
  const step = (left: number) => {
    if (current && !current.isConnected) {
      // Replaced by the app: give the focus to its twin, unless the focus already went somewhere on purpose.
      const active = doc.activeElement;
      if ((!active || active === doc.body) && selector)
        root.querySelector<HTMLElement>(selector)?.focus({ preventScroll: true });
      return;
    }
    const active = doc.activeElement;
    if (active && active !== doc.body && root.contains(active)) {
      current = active;
      selector = focusedSelector(root, doc);
    }
    if (left > 0) requestAnimationFrame(() => step(left - 1));
  };
  step(frames);
}
