import { useRouter } from '@tanstack/react-router';
import type { OnChangeFn, SortingState } from '@tanstack/react-table';
import { type MouseEvent, type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/languages.js';
import { formatInteger, formatNumber, MISSING } from '../format.js';
import type { SignalRow } from '../signals/api.js';
import { classRank, isOutlook, OUTLOOK_ORDER, seqfKey, seqfRank } from '../signals/classes.js';
import type { HorizonTexts } from '../signals/round-age.js';
import type { SignalMethod } from '../signals/search.js';
import { fieldNameOf, labelOf } from '../signals/table-data.js';
import { ConfidenceView, OutlookView, SignalBadgeView } from './signal-badge.js';

/** Sortable columns of the overview (ids are used in the URL: `?sort=-class`). */
export const SIGNAL_COLUMNS = [
  'occupation',
  'ssyk',
  'field',
  'seqf',
  'class',
  'score',
  'outlook',
  'confidence',
  'employees',
  'retirements',
] as const;
export type SignalColumnId = (typeof SIGNAL_COLUMNS)[number];

export interface SignalTableProps {
  rows: SignalRow[];
  caption: string;
  sorting: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
  /** Columns left out (e.g. field and SeQF band inside the grouped view). */
  hidden?: readonly SignalColumnId[];
  /** The area, round and method occupation links keep. */
  geo: string;
  round?: string;
  method?: SignalMethod;
  language: Language;
  /** Plain text occupation names instead of links (print). */
  plain?: boolean;
  /** Class and outlook headings from the round's horizon (see horizonTexts); fixed texts without. */
  headers?: HorizonTexts;
}

const outlookRank = (value: string | null): number =>
  isOutlook(value) ? OUTLOOK_ORDER.indexOf(value) : OUTLOOK_ORDER.length;

/** Numeric columns (right-aligned). */
const NUMERIC: readonly string[] = ['score', 'confidence', 'employees', 'retirements'];

/**
 * Columns whose value needs its heading beside it when a narrow screen shows each row as a card (the class and
 * the occupation speak for themselves).
 */
const LABELLED: readonly string[] = [
  'ssyk',
  'field',
  'seqf',
  'score',
  'outlook',
  'confidence',
  'employees',
  'retirements',
];

/** Columns whose first click sorts from the highest (scores, counts); the others start from A, low or first. */
const DESC_FIRST: readonly SignalColumnId[] = ['score', 'confidence', 'employees', 'retirements'];

/**
 * The sorting after a click on a column heading: first its first direction (see DESC_FIRST), then the other, then
 * no sorting (the list's own order); a click on another column starts that one. One column at a time.
 */
export function nextSorting(sorting: SortingState, column: SignalColumnId): SortingState {
  const first = DESC_FIRST.includes(column);
  // As a table library in single-sort mode: only the last sorted column toggles; any other click starts anew.
  const index = sorting.findIndex((s) => s.id === column);
  const current = index === sorting.length - 1 ? sorting[index] : undefined;
  if (!current) return [{ id: column, desc: first }];
  if (current.desc === first) return [{ id: column, desc: !first }];
  return [];
}

/** Sort value of a count that may be missing: missing sorts below every count (-1; counts are ≥ 0). */
const countRank = (value: number | null | undefined): number => value ?? -1;

interface Column {
  id: SignalColumnId;
  header: string;
  cell: (row: SignalRow) => ReactNode;
}

/**
 * The signal table: traffic light with text and icon, outlook arrow with text, confidence in words; sortable headers.
 * Plain React (no table library: the overview is the first view of /signaler on a phone, and the library was
 * 11 KB of its 200 KB), sorted by `sortRows`, the same order the exports and the print view use.
 */
export function SignalTable({
  rows,
  caption,
  sorting,
  onSortingChange,
  hidden = [],
  geo,
  round,
  method,
  language,
  plain = false,
  headers,
}: SignalTableProps) {
  const { t } = useTranslation('signals');
  const columns = useMemo<Column[]>(() => {
    const classLabels = {
      brist: t('class.brist'),
      paradox: t('class.paradox'),
      balans: t('class.balans'),
      overskott: t('class.overskott'),
      otillrackligt_underlag: t('class.otillrackligt_underlag'),
    };
    const watchLabel = t('class.watch');
    const outlookLabels = {
      oka: t('outlook.oka'),
      oforandrad: t('outlook.oforandrad'),
      minska: t('outlook.minska'),
      none: t('outlook.none'),
    };
    const all: Column[] = [
      {
        id: 'occupation',
        header: t('column.occupation'),
        cell: (row) =>
          plain ? (
            labelOf(row, language)
          ) : (
            // A plain link (one router Link per row is slow on long lists); the table handles the click.
            <a href={occupationHref(row.ssyk, geo, round, method)} data-nav="">
              {labelOf(row, language)}
            </a>
          ),
      },
      { id: 'ssyk', header: t('column.ssyk'), cell: (row) => row.ssyk },
      { id: 'field', header: t('column.field'), cell: (row) => fieldNameOf(row, language) ?? '' },
      { id: 'seqf', header: t('column.seqf'), cell: (row) => t(`seqf.${seqfKey(row.seqf)}`) },
      {
        id: 'class',
        header: headers?.classColumn ?? t('column.class'),
        cell: (row) => (
          <SignalBadgeView
            signalClass={row.signalClass}
            label={classLabels[row.signalClass]}
            watchLabel={row.watch ? watchLabel : undefined}
          />
        ),
      },
      {
        id: 'score',
        header: t('column.score'),
        cell: (row) =>
          row.score === null
            ? MISSING
            : formatNumber(row.score, language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      },
      {
        id: 'outlook',
        header: headers?.outlookColumn ?? t('column.outlook'),
        cell: (row) => (
          <OutlookView
            outlook={row.outlook}
            label={isOutlook(row.outlook) ? outlookLabels[row.outlook] : outlookLabels.none}
          />
        ),
      },
      {
        id: 'confidence',
        header: t('column.confidence'),
        cell: (row) => (
          <ConfidenceView value={row.confidence} text={t('confidence.value', { value: row.confidence })} />
        ),
      },
      {
        id: 'employees',
        header: t('column.employees'),
        cell: (row) => formatInteger(row.employees?.value, language),
      },
      {
        id: 'retirements',
        header: t('column.retirements5Estimated'),
        cell: (row) => formatInteger(row.retirements?.within5, language),
      },
    ];
    return all.filter((c) => !hidden.includes(c.id));
  }, [t, language, hidden, plain, geo, round, method, headers?.classColumn, headers?.outlookColumn]);

  const sorted = useMemo(() => sortRows(rows, sorting, language), [rows, sorting, language]);

  const router = useRouter();
  // Client-side navigation for the plain occupation links (a new tab or window still works as usual).
  const onClick = (event: MouseEvent<HTMLTableElement>): void => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    const link = (event.target as Element).closest('a[data-nav]');
    const href = link?.getAttribute('href');
    if (!href) return;
    event.preventDefault();
    router.history.push(href);
  };

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the click comes from the links inside (Enter on a link clicks it).
    <table className="data-table signal-table" onClick={onClick}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => {
            const sort = sorting.find((s) => s.id === column.id);
            const direction = sort ? (sort.desc ? 'desc' : 'asc') : false;
            return (
              <th
                key={column.id}
                scope="col"
                className={NUMERIC.includes(column.id) ? 'num' : undefined}
                aria-sort={
                  direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined
                }
              >
                {onSortingChange ? (
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => onSortingChange((old) => nextSorting(old, column.id))}
                  >
                    {column.header}
                    <span className="sort-icon" aria-hidden="true">
                      {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}
                    </span>
                    <span className="visually-hidden">
                      {direction === 'asc'
                        ? `, ${t('column.sortAscending')}`
                        : direction === 'desc'
                          ? `, ${t('column.sortDescending')}`
                          : `, ${t('column.sortBy', { column: column.header })}`}
                    </span>
                  </button>
                ) : (
                  column.header
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => (
          <tr key={row.ssyk} data-ssyk={row.ssyk} data-class={row.signalClass}>
            {columns.map((column) =>
              column.id === 'occupation' ? (
                <th key={column.id} scope="row" data-column="occupation">
                  {column.cell(row)}
                </th>
              ) : (
                <td
                  key={column.id}
                  className={NUMERIC.includes(column.id) ? 'num' : undefined}
                  data-column={column.id}
                  // Shown before the value (CSS) only when a narrow screen lays the row out as a card, where the
                  // column heading is not above it; kept out of the text so copies and tests read the value alone.
                  data-label={LABELLED.includes(column.id) ? column.header : undefined}
                >
                  {column.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The address of an occupation page for an area, round and method (as the router writes it; v1 is left out). */
export function occupationHref(
  ssyk: string,
  geo: string,
  round: string | undefined,
  method?: SignalMethod,
): string {
  const search = new URLSearchParams({ geo });
  if (round) search.set('round', round);
  if (method && method !== 'v1') search.set('method', method);
  return `/yrken/${encodeURIComponent(ssyk)}?${search.toString()}`;
}

/** Rows in the order a sorting state gives, without rendering a table (for exports and print). */
export function sortRows(rows: readonly SignalRow[], sorting: SortingState, language: Language): SignalRow[] {
  const first = sorting[0];
  if (!first) return [...rows];
  const collator = new Intl.Collator(language === 'sv' ? 'sv' : 'en');
  const key: Record<SignalColumnId, (r: SignalRow) => string | number> = {
    occupation: (r) => labelOf(r, language),
    ssyk: (r) => r.ssyk,
    field: (r) => fieldNameOf(r, language) ?? '',
    seqf: (r) => seqfRank(r.seqf),
    class: (r) => classRank(r.signalClass) + (r.watch ? -0.5 : 0),
    score: (r) => r.score ?? -1,
    outlook: (r) => outlookRank(r.outlook),
    confidence: (r) => r.confidence,
    employees: (r) => countRank(r.employees?.value),
    retirements: (r) => countRank(r.retirements?.within5),
  };
  const get = key[first.id as SignalColumnId];
  if (!get) return [...rows];
  const sign = first.desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = get(a);
    const y = get(b);
    const order =
      typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return sign * order;
  });
}
