// Starts the app's module scripts once the server's first view has been painted (src/server/first-view.ts,
// scriptsAfterFirstPaint). Loaded `defer` from index.html, whose data attributes name the entry module and the chunks
// to preload; the same files index.html would otherwise have named in its own module tags. Started this way the
// scripts never compete with the stylesheets for the first paint on a slow network, and a page's largest paint is
// the server's HTML, not something waiting for script (issue 15). A classic same-origin script: the CSP is unchanged.
(() => {
  const self = document.currentScript;
  if (!self) return;
  const entry = self.getAttribute('data-entry');
  const preloads = (self.getAttribute('data-preload') ?? '').split(' ').filter(Boolean);
  let started = false;
  const start = () => {
    if (started || !entry) return;
    started = true;
    for (const href of preloads) {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.crossOrigin = '';
      link.href = href;
      document.head.append(link);
    }
    const script = document.createElement('script');
    script.type = 'module';
    script.crossOrigin = '';
    script.src = entry;
    document.head.append(script);
  };
  // After the next painted frame; a hidden tab gets no frames, so at the latest after 100 ms.
  setTimeout(start, 100);
  requestAnimationFrame(() => setTimeout(start, 0));
})();
