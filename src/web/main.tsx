import './styles.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { isApiError } from './api.js';
import { keepFocusAcrossRender } from './components/keep-focus.js';
import { Loading } from './components/loading.js';
import { initI18n } from './i18n.js';
import { createAppRouter } from './router.js';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx answer will not change by asking again; a network hiccup or 5xx gets one more try.
      retry: (failureCount, error) =>
        isApiError(error) && error.status >= 400 && error.status < 500 ? false : failureCount < 1,
    },
  },
});

const router = createAppRouter(queryClient);

/** The longest the first render waits for the route's data: past it the page shows its own loading places. */
const FIRST_DATA_WAIT_MS = 2500;

const FIRST_PAINT_WAIT_MS = 100;

/** Resolves after the next frame has been painted, or after `ms`. */
function afterFirstPaint(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

/** Resolves when no query is fetching (the loaders' prefetches have settled) or after `ms`. */
function firstDataOrTimeout(client: QueryClient, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const unsubscribe = client.getQueryCache().subscribe(() => {
      if (client.isFetching() === 0) done();
    });
    function done(): void {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
    if (client.isFetching() === 0) done();
  });
}

/**
 * Starts the app. Deliberately a function called from the module body, NOT top-level await: the entry shares its
 * chunk with the modules it imports (the `app-start` chunk, vite.config.ts), and the lazy page chunks import from
 * that chunk. With top-level await the chunk would still be evaluating while `router.load()` waits for a page chunk,
 * and that page chunk's import of the still-evaluating chunk waits for it in turn: a deadlock (the app never starts).
 */
async function start(): Promise<void> {
  // The server's HTML is painted first: the app's own requests (catalogues, data) start after that frame, so they
  // never hold the first paint back (bounded: a hidden tab gets no animation frames).
  await afterFirstPaint(FIRST_PAINT_WAIT_MS);
  // The catalogues of the remembered language are loaded before the first render, so no untranslated flash.
  await initI18n();
  // The HTML already shows the page (its heading and summary, docs/adr/0004-first-view.md). React replaces it only
  // once the route's code is loaded and its first data has arrived (bounded), so the page goes from the server's
  // view to the full page without a blank "loading" screen between them.
  await router.load().catch(() => undefined);
  await firstDataOrTimeout(queryClient, FIRST_DATA_WAIT_MS);

  const container = document.getElementById('root');
  if (!container) throw new Error('#root is missing from index.html');
  keepFocusAcrossRender(container);
  createRoot(container).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <Suspense fallback={<Loading />}>
          <RouterProvider router={router} />
        </Suspense>
      </QueryClientProvider>
    </StrictMode>,
  );
}

void start();
