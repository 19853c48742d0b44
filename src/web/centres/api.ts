import { queryOptions } from '@tanstack/react-query';
import type { BookingView, SessionView } from '../../modules/exam-booking/exam-booking.service.js';
import type { MeJson } from '../account/api.js';
import { apiGet, type Json } from '../api.js';

/** Exam invigilation for the web app: the public booking form and the centre staff's page. */

export type SessionJson = Json<SessionView>;
export type BookingJson = Json<BookingView>;

export interface PublicSessionsJson {
  centre: { id: string; name: string };
  sessions: SessionJson[];
  settings: { noticeWorkingDays: number; feeSek: number; freeResits: number; retentionDays: number };
  consent: { version: string; text: string };
}

export interface CheckJson {
  ok: boolean;
  refusals: Array<{ code: string; message: string }>;
  fee: { amount: number; currency: 'SEK' };
  lastBookingDay: string;
}

export const publicSessionsQuery = (centreId: string) =>
  queryOptions({
    queryKey: ['exam-sessions', centreId, 'public'],
    queryFn: ({ signal }) =>
      apiGet<PublicSessionsJson>(`/api/learning-centres/${encodeURIComponent(centreId)}/exam-sessions`, {
        signal,
      }),
  });

export const staffSessionsQuery = (centreId: string) =>
  queryOptions({
    queryKey: ['exam-sessions', centreId, 'all'],
    queryFn: ({ signal }) =>
      apiGet<{ sessions: SessionJson[] }>(
        `/api/learning-centres/${encodeURIComponent(centreId)}/exam-sessions/all`,
        { signal },
      ),
  });

export const bookingsQuery = (centreId: string) =>
  queryOptions({
    queryKey: ['exam-bookings', centreId],
    queryFn: ({ signal }) =>
      apiGet<{ bookings: BookingJson[] }>(
        `/api/learning-centres/${encodeURIComponent(centreId)}/exam-bookings`,
        { signal },
      ),
  });

export interface MunicipalityJson {
  code: string;
  name: string;
}

export const municipalitiesQuery = queryOptions({
  queryKey: ['geographies', 'municipality'],
  queryFn: async ({ signal }) =>
    (
      await apiGet<{ geographies: Array<{ code: string; name: string }> }>(
        '/api/geographies?type=municipality',
        {
          signal,
        },
      )
    ).geographies.map((g) => ({ code: g.code, name: g.name })),
  staleTime: Number.POSITIVE_INFINITY,
});

/** Posts JSON and returns the answer; errors become ApiError like every other request. */
export { apiSend } from '../account/api.js';

const CENTRE_PREFIX = 'learning_centre:';

/** The centres where the user is staff (`larcentrum` in `learning_centre:<id>`). */
export function staffCentres(me: MeJson): Array<{ id: string; name: string }> {
  return me.memberships
    .filter((m) => m.role === 'larcentrum' && m.organisationId.startsWith(CENTRE_PREFIX))
    .map((m) => ({ id: m.organisationId.slice(CENTRE_PREFIX.length), name: m.organisationName }));
}
