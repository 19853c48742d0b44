import { Outlet, useLocation } from '@tanstack/react-router';
import { Layout } from './layout.js';

/**
 * The frame around every page: the normal layout, or for print views (`/print/...`) just the content, with no
 * header, navigation or footer, so the page prints (and becomes a PDF) as an A4 document.
 */
export function RootFrame() {
  const { pathname } = useLocation();
  if (pathname.startsWith('/print/')) {
    return (
      <main id="main" className="print-main">
        <Outlet />
      </main>
    );
  }
  return <Layout />;
}
