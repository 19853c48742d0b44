import type { SignalClass } from '../../core/signals/types.js';
import type { Language } from '../../i18n/languages.js';
import { CLASS_ORDER, classRank, SEQF_ORDER, type SeqfKey, seqfKey, seqfRank } from './classes.js';

/**
 * Pure helpers for the signal overview: filtering, grouping by SeQF band → occupational field (as the regions'
 * published lists do) and counting classes. They work on the minimal shape below so they are easy to test.
 */

export interface SignalRowLike {
  ssyk: string;
  label: { sv: string; en: string | null };
  field: { id: string; sv: string; en: string } | null;
  seqf: string | null;
  signalClass: SignalClass;
}

export interface SignalFilter {
  field?: string;
  seqf?: string;
  signalClass?: SignalClass;
  /** Free text: part of an occupation label (Swedish or English), an SSYK code prefix or a field name. */
  text?: string;
  /**
   * SSYK codes the server's occupation search found for `text` by JobTech occupation name or synonym
   * (GET /api/occupations/search): "chaffis" or "busschaufför" then also keep the rows of those groups.
   */
  textCodes?: ReadonlySet<string>;
}

/** Lower-cases in Swedish and drops diacritics other than å, ä, ö (which are letters of their own). */
export function foldText(text: string): string {
  return [...text.toLocaleLowerCase('sv')]
    .map((c) =>
      c === 'å' || c === 'ä' || c === 'ö' ? c : c.normalize('NFD').replace(/[\u0300-\u036f]/g, ''),
    )
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The label of an occupation in a language (English falls back to Swedish when SCB has no English label). */
export function labelOf(row: Pick<SignalRowLike, 'label'>, language: Language): string {
  return language === 'en' ? (row.label.en ?? row.label.sv) : row.label.sv;
}

/** The name of an occupation's field in a language. */
export function fieldNameOf(row: Pick<SignalRowLike, 'field'>, language: Language): string | undefined {
  if (!row.field) return undefined;
  return language === 'en' ? row.field.en || row.field.sv : row.field.sv;
}

/** True when a row passes every given filter. */
export function matchesFilter(row: SignalRowLike, filter: SignalFilter): boolean {
  if (filter.field && row.field?.id !== filter.field) return false;
  if (filter.seqf && seqfKey(row.seqf) !== filter.seqf) return false;
  if (filter.signalClass && row.signalClass !== filter.signalClass) return false;
  const text = filter.text ? foldText(filter.text) : '';
  if (text) {
    if (/^\d+$/.test(text)) return row.ssyk.startsWith(text);
    const haystack = foldText(
      [row.label.sv, row.label.en ?? '', row.field?.sv ?? '', row.field?.en ?? '', row.ssyk].join(' | '),
    );
    return (
      text.split(' ').every((word) => haystack.includes(word)) || (filter.textCodes?.has(row.ssyk) ?? false)
    );
  }
  return true;
}

/** The rows that pass the filter, in their given order. */
export function filterSignals<T extends SignalRowLike>(rows: readonly T[], filter: SignalFilter): T[] {
  return rows.filter((row) => matchesFilter(row, filter));
}

export interface FieldOption {
  id: string;
  name: string;
  count: number;
}

/** The fields present in the rows, with counts, sorted by name in the UI language. */
export function fieldOptions(rows: readonly SignalRowLike[], language: Language): FieldOption[] {
  const byId = new Map<string, FieldOption>();
  for (const row of rows) {
    if (!row.field) continue;
    const option = byId.get(row.field.id);
    if (option) option.count += 1;
    else
      byId.set(row.field.id, {
        id: row.field.id,
        name: fieldNameOf(row, language) ?? row.field.id,
        count: 1,
      });
  }
  const collator = new Intl.Collator(language === 'sv' ? 'sv' : 'en');
  return [...byId.values()].sort((a, b) => collator.compare(a.name, b.name));
}

export interface FieldGroup<T> {
  /** Field id, or `''` for occupations without a field. */
  fieldId: string;
  fieldName: string | undefined;
  rows: T[];
}

export interface SeqfGroup<T> {
  seqf: SeqfKey;
  fields: FieldGroup<T>[];
  count: number;
}

/**
 * Groups rows by SeQF band (highest first) and then occupational field (by name), keeping the given row order
 * inside each group. Empty groups are left out.
 */
export function groupBySeqfAndField<T extends SignalRowLike>(
  rows: readonly T[],
  language: Language,
): SeqfGroup<T>[] {
  const collator = new Intl.Collator(language === 'sv' ? 'sv' : 'en');
  const bands = new Map<SeqfKey, Map<string, FieldGroup<T>>>();
  for (const row of rows) {
    const band = seqfKey(row.seqf);
    let fields = bands.get(band);
    if (!fields) {
      fields = new Map();
      bands.set(band, fields);
    }
    const id = row.field?.id ?? '';
    let group = fields.get(id);
    if (!group) {
      group = { fieldId: id, fieldName: fieldNameOf(row, language), rows: [] };
      fields.set(id, group);
    }
    group.rows.push(row);
  }
  return [...bands.entries()]
    .sort(([a], [b]) => seqfRank(a === 'unknown' ? null : a) - seqfRank(b === 'unknown' ? null : b))
    .map(([seqf, fields]) => {
      const list = [...fields.values()].sort((a, b) => {
        // Occupations without a field come last.
        if (!a.fieldName || !b.fieldName) return a.fieldName ? -1 : b.fieldName ? 1 : 0;
        return collator.compare(a.fieldName, b.fieldName);
      });
      return { seqf, fields: list, count: list.reduce((sum, g) => sum + g.rows.length, 0) };
    });
}

export type ClassCounts = Record<SignalClass, number>;

/** A count of zero for every class. */
export function emptyCounts(): ClassCounts {
  return { brist: 0, paradox: 0, balans: 0, overskott: 0, otillrackligt_underlag: 0 };
}

/** How many rows are in each class. */
export function countClasses(rows: readonly Pick<SignalRowLike, 'signalClass'>[]): ClassCounts {
  const counts = emptyCounts();
  for (const row of rows) counts[row.signalClass] += 1;
  return counts;
}

export interface CountsBy {
  key: string;
  label: string;
  counts: ClassCounts;
  total: number;
}

/** Class counts per occupational field, sorted by field name; occupations without a field come last. */
export function countsByField(
  rows: readonly SignalRowLike[],
  language: Language,
  noFieldLabel: string,
): CountsBy[] {
  const byField = new Map<string, CountsBy>();
  for (const row of rows) {
    const key = row.field?.id ?? '';
    let entry = byField.get(key);
    if (!entry) {
      entry = { key, label: fieldNameOf(row, language) ?? noFieldLabel, counts: emptyCounts(), total: 0 };
      byField.set(key, entry);
    }
    entry.counts[row.signalClass] += 1;
    entry.total += 1;
  }
  const collator = new Intl.Collator(language === 'sv' ? 'sv' : 'en');
  return [...byField.values()].sort((a, b) =>
    a.key === '' ? 1 : b.key === '' ? -1 : collator.compare(a.label, b.label),
  );
}

/** Class counts per SeQF band, highest band first; `label` is the band key (pages translate it). */
export function countsBySeqf(rows: readonly SignalRowLike[]): CountsBy[] {
  const byBand = new Map<SeqfKey, CountsBy>();
  for (const row of rows) {
    const key = seqfKey(row.seqf);
    let entry = byBand.get(key);
    if (!entry) {
      entry = { key, label: key, counts: emptyCounts(), total: 0 };
      byBand.set(key, entry);
    }
    entry.counts[row.signalClass] += 1;
    entry.total += 1;
  }
  const order = [...SEQF_ORDER, 'unknown'];
  return [...byBand.values()].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
}

/** Compares two rows by class (shortage first), then by label. */
export function compareByClass(language: Language) {
  const collator = new Intl.Collator(language === 'sv' ? 'sv' : 'en');
  return (a: SignalRowLike, b: SignalRowLike): number =>
    classRank(a.signalClass) - classRank(b.signalClass) ||
    collator.compare(labelOf(a, language), labelOf(b, language));
}

export { CLASS_ORDER };
