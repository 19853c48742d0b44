import { z } from 'zod';
import { InputError, type InputLocation } from '../../errors.js';

export type DirectionRow = {
  areaId: number;
  areaName: string;
  areaNameEn: string | null;
  directionId: number;
  directionName: string;
  directionNameEn: string | null;
};

const areasSchema = z.object({
  status: z.literal('OK'),
  body: z.object({
    areas: z.array(
      z.object({
        areaId: z.number().int().positive(),
        name: z.string().min(1),
        nameEn: z.string().nullable(),
        directions: z.array(
          z.object({
            directionId: z.number().int().positive(),
            name: z.string().min(1),
            nameEn: z.string().nullable(),
          }),
        ),
      }),
    ),
  }),
});

/**
 * Parses `GET /planned-educations/v3/adult-education-events/areas` (HAL JSON): study areas with their directions,
 * one row per area × direction. `row` in errors is the 1-based area position.
 */
export function parseAreas(
  json: unknown,
  file: string,
): { areas: number; rows: Array<{ row: DirectionRow; location: InputLocation }> } {
  const parsed = areasSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const areaIndex = issue?.path[2];
    throw new InputError(
      {
        file,
        row: typeof areaIndex === 'number' ? areaIndex + 1 : undefined,
        column: issue?.path.join('.'),
      },
      `svaret har inte formen {status:"OK", body:{areas:[{areaId,name,nameEn,directions:[…]}]}}: ${issue?.message ?? ''}`,
    );
  }
  const rows = parsed.data.body.areas.flatMap((area, i) =>
    area.directions.map((d) => ({
      row: {
        areaId: area.areaId,
        areaName: area.name,
        areaNameEn: area.nameEn,
        directionId: d.directionId,
        directionName: d.name,
        directionNameEn: d.nameEn,
      },
      location: { file, row: i + 1 },
    })),
  );
  return { areas: parsed.data.body.areas.length, rows };
}
