import type { z } from 'zod';
import { InputError, type InputLocation } from '../../errors.js';
import type { SourceInput } from '../contract.js';
import { assertFileExists } from './csv.js';
import { readText } from './text.js';

/**
 * JSON input files. Errors name the file, the record (`row` = 1-based position of the record in the file's
 * record list, since the taxonomy files are one line long) and the JSON path of the bad value as the column.
 */

/** `['data','concepts',3,'id']` → `data.concepts[3].id`. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Parses JSON text; a syntax error names the line where the parser stopped. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const row = position === undefined ? undefined : text.slice(0, Number(position)).split('\n').length;
    throw new InputError({ file, row }, `ogiltig JSON: ${message}`);
  }
}

/** Reads a JSON file (UTF-8 with or without BOM) from the source input. */
export async function readJson(input: SourceInput, relativePath: string): Promise<unknown> {
  const absolutePath = input.file(relativePath);
  await assertFileExists(absolutePath, relativePath);
  const { text } = await readText(absolutePath, relativePath);
  if (text.trim() === '') throw new InputError({ file: relativePath }, 'filen är tom');
  return parseJsonText(text, relativePath);
}

/**
 * Validates a JSON value with a zod schema. The first issue becomes an input error whose column is the full
 * JSON path (`basePath` + the issue's path).
 */
export function parseJsonValue<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: { file: string; row?: number; basePath: ReadonlyArray<PropertyKey> },
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [...where.basePath, ...(issue?.path ?? [])];
  let shown = '';
  let current: unknown = value;
  for (const part of issue?.path ?? []) {
    current =
      current !== null && typeof current === 'object'
        ? (current as Record<PropertyKey, unknown>)[part as PropertyKey]
        : undefined;
  }
  if (typeof current === 'string' || typeof current === 'number') shown = ` (värde "${current}")`;
  const location: InputLocation = { file: where.file, row: where.row, column: jsonPath(path) };
  throw new InputError(location, `${issue?.message ?? 'ogiltigt värde'}${shown}`);
}
