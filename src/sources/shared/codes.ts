import { z } from 'zod';

/** Zod schemas for the code formats used across sources. Codes are strings; leading zeros matter. */
export const countyCode = z.string().regex(/^\d{2}$/, 'länskod ska vara två siffror, t.ex. "21"');
export const municipalityCode = z.string().regex(/^\d{4}$/, 'kommunkod ska vara fyra siffror, t.ex. "0180"');
export const ssyk4Code = z.string().regex(/^\d{4}$/, 'SSYK-kod ska vara fyra siffror, t.ex. "2221"');
export const nonEmpty = z.string().min(1, 'värdet saknas');
export const integerText = z
  .string()
  .regex(/^-?\d+$/, 'ska vara ett heltal')
  .transform((s) => Number.parseInt(s, 10));
export const decimalText = z
  .string()
  .regex(/^-?\d+([.,]\d+)?$/, 'ska vara ett tal')
  .transform((s) => Number.parseFloat(s.replace(',', '.')));
