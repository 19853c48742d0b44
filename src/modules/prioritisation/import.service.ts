import { parsePastList, parsePastListTable } from '../../core/prioritisation/index.js';
import type { Queryable } from '../../db/client.js';
import type { PublishedRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { AuditContext } from '../audit/audit.service.js';
import { type MatchCandidate, matchOccupationTitles } from '../occupations/occupation-names.service.js';
import { requireRegionId } from './draft.service.js';
import { readPastListXlsx } from './past-list-xlsx.js';
import { type PublishedSummary, publishImported } from './workflow.service.js';

/** One title that needs a person: ambiguous or unmatched, with the candidates to choose from. */
export interface ReviewItem {
  line: number;
  occupation: string;
  status: 'ambiguous' | 'none';
  candidates: Array<Pick<MatchCandidate, 'ssyk' | 'label' | 'matchedName' | 'via' | 'score'>>;
}

export type ImportResult =
  | { status: 'published'; published: PublishedSummary; matched: number; given: number; resolved: number }
  | { status: 'review'; review: ReviewItem[]; matched: number; given: number };

/**
 * Imports a list published before Semafor and publishes it as a version of its year. Titles without SSYK are
 * matched through the JobTech taxonomy (names and synonyms); ambiguous or unmatched titles stop the import with a
 * review list unless `resolutions` (title → SSYK, chosen by a person) settle them. The list comes as CSV text or
 * as an XLSX workbook (`xlsx`, first sheet); both go through the same parser and matching.
 */
export async function importPastList(
  q: Queryable,
  input: {
    file: string;
    /** CSV text; or */
    text?: string;
    /** an XLSX workbook's bytes. */
    xlsx?: Uint8Array;
    region: string;
    year: number;
    resolutions?: Record<string, string>;
    changeNote?: string | null;
  },
  audit: AuditContext,
  now: Date,
): Promise<ImportResult> {
  const region = requireRegionId(input.region);
  const rows = input.xlsx
    ? parsePastListTable(await readPastListXlsx(input.xlsx, input.file), input.file)
    : parsePastList(input.text ?? '', input.file);
  const other = rows.find((r) => r.year !== input.year);
  if (other)
    throw new AppError(
      'validation_failed',
      `${input.file}, rad ${other.line}: året ${other.year} är inte ${input.year}`,
      {
        row: other.line,
      },
    );
  if (rows.length === 0) throw new AppError('validation_failed', `${input.file}: inga rader`);
  const resolutions = input.resolutions ?? {};
  const toMatch = rows.filter((r) => !r.ssyk && !resolutions[r.occupation]);
  const matches = await matchOccupationTitles(
    q,
    toMatch.map((r) => r.occupation),
  );
  const found = new Map<string, string>();
  const review: ReviewItem[] = [];
  toMatch.forEach((r, i) => {
    const m = matches[i];
    const best = m?.candidates[0];
    if (m?.status === 'matched' && best) found.set(r.occupation, best.ssyk);
    else
      review.push({
        line: r.line,
        occupation: r.occupation,
        status: m?.status === 'ambiguous' ? 'ambiguous' : 'none',
        candidates: (m?.candidates ?? []).slice(0, 5).map(({ ssyk, label, matchedName, via, score }) => ({
          ssyk,
          label,
          matchedName,
          via,
          score,
        })),
      });
  });
  const given = rows.filter((r) => r.ssyk).length;
  if (review.length > 0) return { status: 'review', review, matched: found.size, given };
  const published: PublishedRow[] = rows.map((r) => ({
    ssyk: r.ssyk ?? resolutions[r.occupation] ?? found.get(r.occupation) ?? '',
    name: r.occupation,
    seqfBand: r.seqfBand,
    field: r.field,
    strategic: false,
  }));
  const summary = await publishImported(
    q,
    { regionId: region, year: input.year, rows: published, changeNote: input.changeNote },
    audit,
    now,
  );
  return {
    status: 'published',
    published: summary,
    matched: found.size,
    given,
    resolved: rows.filter((r) => !r.ssyk && resolutions[r.occupation]).length,
  };
}
