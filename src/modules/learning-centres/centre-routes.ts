import { z } from 'zod';
import { roles } from '../../server/policy.js';

/**
 * What the routes of a centre's internal work share (exam booking, learners, the 3M log, registry edits): the
 * `:id` of the centre and the two route policies, each the coarse half of a rule whose fine half is a service
 * check in centre-organisation.service.ts. The policy lets the role in; the service then checks the centre.
 */

/** `/learning-centres/:id/…`: the registry id of the centre. */
export const centreParams = z.object({ id: z.string().min(1).max(200) });

/** Staff of a centre; the service calls `requireCentreStaff` (not_found for staff of another centre). */
export const CENTRE_STAFF = roles('larcentrum');

/**
 * The centre's staff or an admin of its region; the service calls `requireCentreStaffOrRegionAdmin` (or
 * `centreStaffOrRegionAdmin` where another answer than not_found fits).
 */
export const CENTRE_STAFF_OR_REGION_ADMIN = roles('larcentrum', 'admin');
