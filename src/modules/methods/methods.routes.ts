import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../server/deps.js';
import { listMethods } from './methods.service.js';

const localized = z.object({ sv: z.string(), en: z.string() });

export const methodSchema = z.object({
  version: z.string(),
  hash: z.string().describe('Content hash of the definition; stored with every signal'),
  current: z.boolean(),
  description: localized,
  classes: z.object({
    shortageMin: z.number().describe('Score ≥ this → brist'),
    watchMin: z.number().describe('watchMin ≤ score < shortageMin → balans with a watch flag'),
    surplusMax: z.number().describe('Score ≤ this → överskott'),
  }),
  evidence: z.object({
    minIndependentGroups: z.number().int(),
    requireCategory: z.string(),
    kinds: z.array(z.string()).describe('Indicators that can make the evidence sufficient'),
  }),
  drivers: z
    .object({ shortageMin: z.number(), surplusMax: z.number(), declineMax: z.number() })
    .describe('Score thresholds at which an indicator drives toward shortage or surplus'),
  outlook: z.object({ indexDelta: z.number() }),
  indicators: z.array(
    z.object({
      kind: z.string(),
      label: localized,
      weight: z.number(),
      category: z.string(),
      evidenceGroup: z.string(),
      scoring: z.enum(['bands', 'categories', 'slot', 'employer_counts']),
      bands: z
        .array(
          z.object({
            min: z.number().nullable().describe('null = no lower bound'),
            score: z.number(),
            label: localized,
          }),
        )
        .optional(),
      categories: z.array(z.object({ value: z.string(), score: z.number(), label: localized })).optional(),
      counts: z
        .object({
          score: z.number(),
          minEmployers: z.number().int(),
          employerWeights: z.array(z.object({ min: z.number(), weight: z.number(), label: localized })),
          peopleWeights: z.array(z.object({ min: z.number(), weight: z.number(), label: localized })),
        })
        .optional()
        .describe('Employer counts (v2): fixed score, weight by distinct employers plus weight by people'),
    }),
  ),
});

/** GET /api/methods: the versions of the signal method with thresholds, weights and score bands. */
export function methodsRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/methods',
      {
        schema: {
          summary:
            'Signal method versions: class thresholds, evidence rule, indicator weights and score bands',
          tags: ['signals'],
          response: { 200: z.object({ methods: z.array(methodSchema) }) },
        },
      },
      async () => ({ methods: listMethods() }),
    );
  };
}
