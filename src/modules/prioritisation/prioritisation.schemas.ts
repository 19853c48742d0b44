import { z } from 'zod';
import { COMPONENT_NAMES } from '../../core/prioritisation/index.js';
import { SIGNAL_CLASSES } from '../../core/signals/index.js';

/** Zod schemas of the prioritisation API (they become the OpenAPI document). */

export const bandSchema = z.enum(['4', '5-6', '6-8']);
const classSchema = z.enum(SIGNAL_CLASSES as [string, ...string[]]);
const localized = z.object({ sv: z.string(), en: z.string() });

const component = z.object({
  value: z
    .number()
    .nullable()
    .describe('Normalised 0–1; null when no candidate of the draft has data for it'),
  weight: z.number().describe('Weight used, renormalised over the components in use'),
});

export const draftRowSchema = z.object({
  ssyk: z.string(),
  name: z.string(),
  seqfBand: bandSchema,
  fieldId: z.string().nullable(),
  field: z.string().nullable().describe("The occupational field's Swedish name (AF yrkesområde)"),
  score: z.number().describe('Priority score 0–100'),
  rank: z.number().int().describe('Rank within its band, 1 = highest'),
  tier: z.enum(['shortage', 'watch', 'balance', 'surplus', 'insufficient']),
  signalClass: classSchema,
  proposed: z.boolean().describe('Proposed for the list: a shortage among the first listSize of its band'),
  components: z.object(
    Object.fromEntries(COMPONENT_NAMES.map((n) => [n, component])) as Record<
      (typeof COMPONENT_NAMES)[number],
      typeof component
    >,
  ),
});

export const apartRowSchema = z.object({
  ssyk: z.string(),
  name: z.string(),
  seqfBand: bandSchema,
  fieldId: z.string().nullable(),
  field: z.string().nullable(),
  signalClass: z.literal('paradox'),
  employees: z.number().nullable(),
});

export const weightsSchema = z.object(
  Object.fromEntries(COMPONENT_NAMES.map((n) => [n, z.number()])) as Record<
    (typeof COMPONENT_NAMES)[number],
    z.ZodNumber
  >,
);

export const draftSchema = z.object({
  region: z.string(),
  regionName: z.string(),
  round: z.string(),
  roundInfo: z.object({
    label: z.string(),
    referenceDate: z.string(),
    age: z.object({
      referenceDate: z.string(),
      months: z.number().int(),
      words: localized,
      isOld: z.boolean(),
      oldAfterYears: z.number(),
    }),
  }),
  method: z.object({
    version: z.string(),
    hash: z.string(),
    signal: z.object({ version: z.string(), hash: z.string() }),
  }),
  weights: weightsSchema,
  listSize: z.number().int(),
  areas: z.array(z.object({ id: z.string(), name: z.string() })),
  fields: z.record(z.string(), localized),
  rows: z.array(draftRowSchema),
  apart: z.array(apartRowSchema).describe('Paradox occupations: not an education problem first, unranked'),
});
