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
  strategic: z
    .record(z.string(), z.number())
    .optional()
    .describe(
      "The region's strategic weights applied, by SSYK-4 code or field id (an occupation's own wins over its field's)",
    ),
  rows: z.array(draftRowSchema),
  apart: z.array(apartRowSchema).describe('Paradox occupations: not an education problem first, unranked'),
});

export const stateSchema = z.enum(['draft', 'consultation', 'decided', 'published']);
export const voteSchema = z.enum(['agree', 'disagree', 'not_relevant']);

export const roundSummarySchema = z.object({
  id: z.string(),
  regionId: z.string(),
  year: z.number().int(),
  state: stateSchema,
  signalRound: z.string(),
  method: z.object({
    version: z.string(),
    hash: z.string(),
    signal: z.object({ version: z.string(), hash: z.string() }),
  }),
  consultationDeadline: z.string().nullable(),
  version: z.number().int().describe('Send it back with every write (409 when stale)'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const publishedSummarySchema = z.object({
  regionId: z.string(),
  year: z.number().int(),
  version: z.number().int(),
  origin: z.string().describe("'decision' (from a round) or 'import' (a list published before Semafor)"),
  title: z.string(),
  changeNote: z.string().nullable(),
  publishedAt: z.string(),
  count: z.number().int(),
});

const tallySchema = z.object({
  agree: z.number().int(),
  disagree: z.number().int(),
  notRelevant: z.number().int(),
  majority: z.enum(['include', 'exclude']).nullable(),
});

export const roundDetailSchema = roundSummarySchema.extend({
  regionName: z.string(),
  draft: draftSchema.omit({ rows: true }),
  candidates: z.array(
    draftRowSchema.extend({
      votes: z.array(
        z.object({ municipalityId: z.string(), vote: voteSchema, comment: z.string().nullable() }),
      ),
      tally: tallySchema,
      decision: z
        .object({ include: z.boolean(), strategic: z.boolean(), rationale: z.string().nullable() })
        .nullable(),
      departures: z.array(z.enum(['draft', 'majority'])),
    }),
  ),
  proposals: z.array(
    z.object({
      municipalityId: z.string(),
      ssyk: z.string(),
      name: z.string().nullable(),
      reason: z.string(),
      proposedAt: z.string(),
    }),
  ),
  progress: z.array(
    z.object({
      municipalityId: z.string(),
      name: z.string(),
      rated: z.number().int(),
      total: z.number().int(),
    }),
  ),
});

export const publishedRowSchema = z.object({
  ssyk: z.string(),
  name: z.string(),
  seqfBand: bandSchema,
  field: z.string().nullable(),
  strategic: z.boolean(),
});

const listEntry = z.object({
  ssyk: z.string(),
  name: z.string(),
  seqfBand: z.string(),
  field: z.string().nullable(),
});

export const publishedListSchema = z.object({
  region: z.string(),
  regionName: z.string(),
  year: z.number().int(),
  version: z.number().int(),
  title: z.string(),
  origin: z.string(),
  changeNote: z.string().nullable(),
  publishedAt: z.string(),
  basis: z.record(z.string(), z.unknown()).nullable(),
  age: z
    .object({
      referenceDate: z.string(),
      months: z.number().int(),
      words: localized,
      isOld: z.boolean(),
      oldAfterYears: z.number(),
    })
    .nullable()
    .describe('Age of the data the list was decided on; null for imported lists'),
  rows: z.array(publishedRowSchema),
  versions: z.array(
    z.object({ version: z.number().int(), publishedAt: z.string(), changeNote: z.string().nullable() }),
  ),
  previous: z
    .object({
      year: z.number().int(),
      version: z.number().int(),
      diff: z.object({
        added: z.array(listEntry),
        removed: z.array(listEntry),
        moved: z.array(listEntry.extend({ fromBand: z.string() })),
        unchanged: z.number().int(),
      }),
    })
    .nullable(),
});

export const settingsSchema = z.object({
  regionId: z.string(),
  weights: weightsSchema.partial(),
  listSize: z.number().int().nullable(),
  strategic: z.record(z.string(), z.number()),
  version: z.number().int(),
});

// ---- sector pages -------------------------------------------------------------------------------------------------

const suppressedCount = z.object({ value: z.number().nullable(), suppressed: z.boolean() });
const sectorOccupationSchema = z.object({
  ssyk: z.string(),
  name: z.object({ sv: z.string(), en: z.string().nullable() }),
  signalClass: z.string(),
  score: z.number().nullable(),
  strategic: z.boolean(),
  listed: z.boolean(),
  retirements5: suppressedCount,
});
export const sectorNarrativeSchema = z.object({
  sv: z.string(),
  en: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export const sectorPageSchema = z.object({
  region: z.string(),
  regionName: z.string(),
  field: z.object({ id: z.string(), sv: z.string(), en: z.string() }),
  round: z.object({ id: z.string(), label: z.string(), referenceDate: z.string() }),
  strategicFrom: z.object({
    list: z.object({ year: z.number().int(), version: z.number().int() }).nullable(),
  }),
  narrative: sectorNarrativeSchema.nullable(),
  retirements5: suppressedCount.extend({ occupations: z.number().int() }),
  categories: z.array(
    z.object({
      key: z.string(),
      label: z.object({ sv: z.string(), en: z.string() }),
      occupations: z.array(sectorOccupationSchema),
    }),
  ),
  other: z.array(sectorOccupationSchema),
});
export const sectorIndexSchema = z.object({
  region: z.string(),
  regionName: z.string(),
  fields: z.array(
    z.object({
      id: z.string(),
      sv: z.string(),
      en: z.string(),
      placed: z.number().int(),
      shortage: z.number().int(),
      hasNarrative: z.boolean(),
    }),
  ),
});
