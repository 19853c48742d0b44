/**
 * The fields a row of a broker sheet can carry (issue 11), apart from the import rules so the web's mapping step
 * can list them without loading the row checks (zod, organisation numbers).
 */

/** The fields an import row can carry. The first four are required. */
export const IMPORT_FIELDS = [
  'organisationNumber',
  'employerName',
  'municipality',
  'title',
  'ssyk',
  'count',
  'date',
  'horizon',
  'difficulty',
  'channel',
  'urgency',
  'seqfLevel',
  'note',
  'sni',
  'address',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_FIELDS: readonly ImportField[] = [
  'organisationNumber',
  'employerName',
  'municipality',
  'title',
];
