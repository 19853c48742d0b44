/** The closed vocabularies of an employer need (issue 11); the API and the import check values against these. */
export const HORIZONS = ['now', '1y', '1-3y', '3y+'] as const;
export type Horizon = (typeof HORIZONS)[number];

export const DIFFICULTIES = ['no_applicants', 'lacking_qualifications', 'not_suitable', 'other'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const CHANNELS = [
  'company_visit',
  'business_breakfast',
  'business_office',
  'af_business_adviser',
  'politician',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const URGENCIES = ['low', 'normal', 'high'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];
