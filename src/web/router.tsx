import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  retainSearchParams,
} from '@tanstack/react-router';
import { z } from 'zod/mini';
import { meQuery } from './account/api.js';
import { sourcesQuery } from './api.js';
import { Loading } from './components/loading.js';
import { RootFrame } from './components/root-frame.js';
import { loadPageNamespaces } from './i18n.js';
import { centreListQuery, centreQuery } from './larcentra/api.js';
import { listFilterOf, listSearchSchema, reachSearchSchema } from './larcentra/search.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { RouteErrorPage } from './pages/route-error-page.js';
import { StartPage } from './pages/start-page.js';
import { appSearchSchema } from './search.js';
import { prefetchMap, prefetchOccupation, prefetchOverview } from './signals/loaders.js';
import { mapSearchSchema, occupationSearchSchema, signalsSearchSchema } from './signals/search.js';

/**
 * The route tree (code-based). Paths are part of the interface: `/`, `/signaler`, `/karta`, `/larcentra`, `/data`.
 *
 * How to add a page:
 * - one `createRoute` here with `validateSearch: <zod schema>` for its URL state (filters, sort, round …); the
 *   root already validates `geo` and keeps it when the user moves between pages;
 * - its component in src/web/pages/, loaded with `lazyRouteComponent` so it is a separate chunk;
 * - heavy libraries (Observable Plot, d3-geo, exceljs …) are imported only from such lazy pages or with a dynamic
 *   `import()`, never from this file, the layout or the start page: they would grow the initial JS
 *   (budget 350 KB gzip, checked by test/e2e/bundle.spec.ts);
 * - start the page's queries in `loader` (prefetch) so data and code load in parallel, not as a waterfall.
 */
export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  validateSearch: appSearchSchema,
  // The page's catalogues load with its code and data, not all of them at start (i18n.ts, namespacesFor).
  beforeLoad: ({ location }) => loadPageNamespaces(location.pathname),
  search: { middlewares: [retainSearchParams(['geo'])] },
  component: RootFrame,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

const startRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: StartPage,
});

const signalsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/signaler',
  validateSearch: signalsSearchSchema,
  loaderDeps: ({ search }) => ({ geo: search.geo, round: search.round, method: search.method }),
  loader: ({ context, deps }) => prefetchOverview(context.queryClient, deps),
  component: lazyRouteComponent(() => import('./pages/signals-page.js'), 'SignalsPage'),
});

const occupationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/yrken/$ssyk',
  validateSearch: occupationSearchSchema,
  loaderDeps: ({ search }) => ({
    geo: search.geo,
    round: search.round,
    map: search.map,
    method: search.method,
  }),
  loader: ({ context, params, deps }) => prefetchOccupation(context.queryClient, params.ssyk, deps),
  component: lazyRouteComponent(() => import('./pages/occupation-page.js'), 'OccupationPage'),
});

const printSignalsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/print/signaler',
  validateSearch: signalsSearchSchema,
  loaderDeps: ({ search }) => ({ geo: search.geo, round: search.round, method: search.method }),
  loader: ({ context, deps }) => prefetchOverview(context.queryClient, deps),
  component: lazyRouteComponent(() => import('./pages/print-pages.js'), 'PrintSignalsPage'),
});

const printOccupationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/print/yrken/$ssyk',
  validateSearch: occupationSearchSchema,
  loaderDeps: ({ search }) => ({
    geo: search.geo,
    round: search.round,
    map: search.map,
    method: search.method,
  }),
  loader: ({ context, params, deps }) => prefetchOccupation(context.queryClient, params.ssyk, deps),
  component: lazyRouteComponent(() => import('./pages/print-pages.js'), 'PrintOccupationPage'),
});

const mapRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/karta',
  validateSearch: mapSearchSchema,
  loaderDeps: ({ search }) => ({
    ssyk: search.ssyk,
    field: search.field,
    type: search.type,
    round: search.round,
  }),
  loader: ({ context, deps }) => prefetchMap(context.queryClient, deps),
  component: lazyRouteComponent(() => import('./pages/map-page.js'), 'MapPage'),
});

const learningCentresRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/larcentra',
  validateSearch: listSearchSchema,
  loaderDeps: ({ search }) => listFilterOf(search),
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchQuery(centreListQuery(deps));
  },
  component: lazyRouteComponent(() => import('./larcentra/list-page.js'), 'LearningCentresPage'),
});

const learningCentreReachRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/larcentra/tackning',
  validateSearch: reachSearchSchema,
  component: lazyRouteComponent(() => import('./larcentra/reach-page.js'), 'LearningCentreReachPage'),
});

const learningCentreRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/larcentra/$id',
  loader: ({ context, params }) => {
    void context.queryClient.prefetchQuery(centreQuery(params.id));
  },
  component: lazyRouteComponent(() => import('./larcentra/centre-page.js'), 'LearningCentrePage'),
});

/** `/prioriteringar/county:21/2026?version=2`: a region's published list (permanent URL per version). */
const prioritiesSearchSchema = z.object({
  version: z.catch(z.optional(z.coerce.number().check(z.int(), z.minimum(1))), undefined),
});
const publicPrioritiesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/prioriteringar/$region/$year',
  validateSearch: prioritiesSearchSchema,
  component: lazyRouteComponent(() => import('./priorities/public-list-route.js'), 'PublicListRoute'),
});

/** Sector pages per occupational field (issue 12): the region's fields, and one field's page. */
const sectorIndexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/prioriteringar/$region/sektor',
  component: lazyRouteComponent(() => import('./priorities/sector-page.js'), 'SectorIndexRoute'),
});
const sectorPageRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/prioriteringar/$region/sektor/$field',
  component: lazyRouteComponent(() => import('./priorities/sector-page.js'), 'SectorPageRoute'),
});
const prioritySettingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/prioriteringar/installningar',
  loader: ({ context }) => context.queryClient.prefetchQuery(meQuery),
  component: lazyRouteComponent(() => import('./priorities/settings-page.js'), 'SettingsPage'),
});

/** A search value that may be left out, dropped (undefined) when it is wrong instead of failing the page. */
const lenient = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);
const educationGeo = lenient(z.string().check(z.regex(/^[a-z]+:[A-Za-z0-9-]+$/)));

const educationSearchSchema = z.object({
  geo: educationGeo,
  round: lenient(z.string().check(z.maxLength(40))),
  ssyk: lenient(z.string().check(z.regex(/^\d{4}$/))),
});

const educationGapRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/utbildning/gap',
  validateSearch: educationSearchSchema,
  component: lazyRouteComponent(() => import('./education/gap-page.js'), 'EducationGapPage'),
});

const educationYhRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/utbildning/yh',
  validateSearch: z.object({
    geo: educationGeo,
    year: lenient(z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100))),
  }),
  component: lazyRouteComponent(() => import('./education/yh-page.js'), 'EducationYhPage'),
});

const educationImportRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/utbildning/import',
  component: lazyRouteComponent(() => import('./education/import-page.js'), 'EducationImportPage'),
});

const dataRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/data',
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(sourcesQuery);
  },
  component: lazyRouteComponent(() => import('./pages/data-page.js'), 'DataPage'),
});

/** `/logga-in?returnTo=/konto`, `?inbjudan=TOKEN` (the invitation link the server sends) or `?fel=CODE` (SSO). */
const loginSearchSchema = z.object({
  returnTo: lenient(z.string().check(z.maxLength(2000))),
  inbjudan: lenient(z.string().check(z.maxLength(200))),
  /** Why an SSO sign-in was refused: a stable code from the callback, shown with the app's own text. */
  fel: lenient(z.string().check(z.maxLength(60))),
});
/** The region to act in, for users with a role in several regions (`county:NN`). */
const regionSearchSchema = z.object({
  region: lenient(z.string().check(z.regex(/^county:\d{2}$/))),
});
const auditSearchSchema = z.extend(regionSearchSchema, {
  entity: lenient(z.string().check(z.maxLength(300))),
  from: lenient(z.iso.date()),
  to: lenient(z.iso.date()),
});

/** The account pages: each its own chunk; the signed-in user is fetched alongside the code. */
const prefetchMe = ({ context }: { context: RouterContext }) => {
  void context.queryClient.prefetchQuery(meQuery);
};

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/logga-in',
  validateSearch: loginSearchSchema,
  component: lazyRouteComponent(() => import('./account/login-page.js'), 'LoginPage'),
});

const accountRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/konto',
  loader: prefetchMe,
  component: lazyRouteComponent(() => import('./account/account-page.js'), 'AccountPage'),
});

const usersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/anvandare',
  validateSearch: regionSearchSchema,
  loader: prefetchMe,
  component: lazyRouteComponent(() => import('./account/users-page.js'), 'UsersPage'),
});

const areasAdminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/omraden',
  validateSearch: regionSearchSchema,
  loader: prefetchMe,
  component: lazyRouteComponent(() => import('./account/areas-page.js'), 'AreasPage'),
});

const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/logg',
  validateSearch: auditSearchSchema,
  loader: prefetchMe,
  component: lazyRouteComponent(() => import('./account/audit-page.js'), 'AuditPage'),
});

/** The brokers' pages (issue 11): dashboard, quick entry, a case, an employer. */
const brokerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/maklare',
  loader: prefetchMe,
  component: lazyRouteComponent(() => import('./needs/dashboard-page.js'), 'DashboardPage'),
});

const needEntryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/maklare/ny',
  loader: prefetchMe,
  component: lazyRouteComponent(() => import('./needs/entry-page.js'), 'EntryPage'),
});

const needsImportRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/maklare/import',
  loader: prefetchMe,
  component: lazyRouteComponent(() => import('./needs/import-page.js'), 'ImportPage'),
});

const caseRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/arenden/$id',
  loader: prefetchMe,
  component: lazyRouteComponent(() => import('./needs/case-page.js'), 'CasePage'),
});

const employerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/arbetsgivare/$id',
  loader: prefetchMe,
  component: lazyRouteComponent(() => import('./needs/employer-page.js'), 'EmployerPage'),
});

/** The prioritisation workflow (issue 12): the strategist's rounds and workshop, the municipality's voting page. */
const workshopListRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/prioriteringar/arbete',
  loader: prefetchMe,
  component: lazyRouteComponent(() => import('./priorities/workshop-page.js'), 'WorkshopListPage'),
});

const workshopRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/prioriteringar/arbete/$id',
  loader: prefetchMe,
  component: lazyRouteComponent(() => import('./priorities/workshop-page.js'), 'WorkshopPage'),
});

const votingListRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/prioriteringar/remiss',
  loader: prefetchMe,
  component: lazyRouteComponent(() => import('./priorities/vote-page.js'), 'VoteListPage'),
});

const votingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/prioriteringar/remiss/$id',
  loader: prefetchMe,
  component: lazyRouteComponent(() => import('./priorities/vote-page.js'), 'VotePage'),
});

const examBookingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/larcentra/$id/tentamen',
  component: lazyRouteComponent(() => import('./centres/booking-page.js'), 'ExamBookingPage'),
});

// Personal links from e-mails (issue 14): a student's own booking and a learner's follow-up survey.
const ownBookingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/larcentra/bokning/$id',
  validateSearch: (search: Record<string, unknown>) => ({
    nyckel: typeof search.nyckel === 'string' ? search.nyckel : undefined,
  }),
  component: lazyRouteComponent(() => import('./centres/follow-up-pages.js'), 'OwnBookingPage'),
});

const followUpSurveyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/uppfoljning/$token',
  component: lazyRouteComponent(() => import('./centres/follow-up-pages.js'), 'FollowUpSurveyPage'),
});

const centreStaffRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/larcentrum',
  loader: prefetchMe,
  component: lazyRouteComponent(() => import('./centres/staff-page.js'), 'CentreStaffPage'),
});

const learnerSettingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/larcentrum/installningar',
  validateSearch: (search: Record<string, unknown>) => ({
    centrum: typeof search.centrum === 'string' ? search.centrum : undefined,
  }),
  loader: prefetchMe,
  component: lazyRouteComponent(() => import('./centres/learner-settings-page.js'), 'LearnerSettingsPage'),
});

const registryConflictsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/larcentra',
  loader: prefetchMe,
  component: lazyRouteComponent(() => import('./centres/conflicts-page.js'), 'RegistryConflictsPage'),
});

export const routeTree = rootRoute.addChildren([
  startRoute,
  publicPrioritiesRoute,
  workshopListRoute,
  sectorIndexRoute,
  sectorPageRoute,
  prioritySettingsRoute,
  workshopRoute,
  votingListRoute,
  votingRoute,
  signalsRoute,
  occupationRoute,
  printSignalsRoute,
  printOccupationRoute,
  mapRoute,
  learningCentresRoute,
  learningCentreReachRoute,
  learningCentreRoute,
  examBookingRoute,
  centreStaffRoute,
  learnerSettingsRoute,
  ownBookingRoute,
  followUpSurveyRoute,
  registryConflictsRoute,
  dataRoute,
  educationGapRoute,
  educationYhRoute,
  educationImportRoute,
  loginRoute,
  accountRoute,
  usersRoute,
  areasAdminRoute,
  auditRoute,
  brokerRoute,
  needEntryRoute,
  needsImportRoute,
  caseRoute,
  employerRoute,
]);

/** The app's router; the query client is passed to loaders through the context. */
export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // Route data lives in TanStack Query; the router need not cache loader results itself.
    defaultPreloadStaleTime: 0,
    defaultPendingComponent: () => <Loading />,
    defaultErrorComponent: RouteErrorPage,
    defaultNotFoundComponent: NotFoundPage,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
