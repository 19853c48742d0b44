import { getRouteApi } from '@tanstack/react-router';
import { PublicListPage } from './public-list-page.js';

const route = getRouteApi('/prioriteringar/$region/$year');

/** The route's params and search (region, year, version) handed to the page. */
export function PublicListRoute() {
  const { region, year } = route.useParams();
  const { version } = route.useSearch();
  return <PublicListPage region={region} year={Number(year)} version={version} />;
}
