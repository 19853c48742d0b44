import { useRouter } from '@tanstack/react-router';
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type OnChangeFn,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { type MouseEvent, useMemo } from 'react';
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

/** Sort value of a count that may be missing: missing sorts below every count (-1; counts are ≥ 0). */
const countRank = (value: number | null | undefined): number => value ?? -1;

/** The signal table: traffic light with text and icon, outlook arrow with text, confidence in words; sortable headers. */
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
  const columns = useMemo<ColumnDef<SignalRow>[]>(() => {
    const collator = new Intl.Collator(language === 'sv' ? 'sv' : 'en');
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
    const all: ColumnDef<SignalRow>[] = [
      {
        id: 'occupation',
        header: t('column.occupation'),
        accessorFn: (row) => labelOf(row, language),
        sortingFn: (a, b) =>
          collator.compare(a.getValue<string>('occupation'), b.getValue<string>('occupation')),
        cell: ({ row }) =>
          plain ? (
            labelOf(row.original, language)
          ) : (
            // A plain link (one router Link per row is slow on long lists); the table handles the click.
            <a href={occupationHref(row.original.ssyk, geo, round, method)} data-nav="">
              {labelOf(row.original, language)}
            </a>
          ),
      },
      { id: 'ssyk', header: t('column.ssyk'), accessorFn: (row) => row.ssyk },
      {
        id: 'field',
        header: t('column.field'),
        accessorFn: (row) => fieldNameOf(row, language) ?? '',
        sortingFn: (a, b) => collator.compare(a.getValue<string>('field'), b.getValue<string>('field')),
      },
      {
        id: 'seqf',
        header: t('column.seqf'),
        accessorFn: (row) => seqfRank(row.seqf),
        sortDescFirst: false,
        cell: ({ row }) => t(`seqf.${seqfKey(row.original.seqf)}`),
      },
      {
        id: 'class',
        header: headers?.classColumn ?? t('column.class'),
        accessorFn: (row) => classRank(row.signalClass) + (row.watch ? -0.5 : 0),
        sortDescFirst: false,
        cell: ({ row }) => (
          <SignalBadgeView
            signalClass={row.original.signalClass}
            label={classLabels[row.original.signalClass]}
            watchLabel={row.original.watch ? watchLabel : undefined}
          />
        ),
      },
      {
        id: 'score',
        header: t('column.score'),
        // Rows without a score sort below every score (-1; scores are 0–3).
        accessorFn: (row) => row.score ?? -1,
        sortDescFirst: true,
        cell: ({ row }) =>
          row.original.score === null
            ? MISSING
            : formatNumber(row.original.score, language, {
                minimumFractionDigits: 2,
                maximumFractionDigits: 2,
              }),
      },
      {
        id: 'outlook',
        header: headers?.outlookColumn ?? t('column.outlook'),
        accessorFn: (row) => outlookRank(row.outlook),
        sortDescFirst: false,
        cell: ({ row }) => (
          <OutlookView
            outlook={row.original.outlook}
            label={isOutlook(row.original.outlook) ? outlookLabels[row.original.outlook] : outlookLabels.none}
          />
        ),
      },
      {
        id: 'confidence',
        header: t('column.confidence'),
        accessorFn: (row) => row.confidence,
        sortDescFirst: true,
        cell: ({ row }) => (
          <ConfidenceView
            value={row.original.confidence}
            text={t('confidence.value', { value: row.original.confidence })}
          />
        ),
      },
      {
        id: 'employees',
        header: t('column.employees'),
        accessorFn: (row) => countRank(row.employees?.value),
        sortDescFirst: true,
        cell: ({ row }) => formatInteger(row.original.employees?.value, language),
      },
      {
        id: 'retirements',
        header: t('column.retirements5Estimated'),
        accessorFn: (row) => countRank(row.retirements?.within5),
        sortDescFirst: true,
        cell: ({ row }) => formatInteger(row.original.retirements?.within5, language),
      },
    ];
    return all.filter((c) => !hidden.includes(c.id as SignalColumnId));
  }, [t, language, hidden, plain, geo, round, method, headers?.classColumn, headers?.outlookColumn]);

  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange,
    enableSorting: Boolean(onSortingChange),
    enableMultiSort: false,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });

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
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              const label = String(header.column.columnDef.header);
              const numeric = NUMERIC.includes(header.column.id);
              return (
                <th
                  key={header.id}
                  scope="col"
                  className={numeric ? 'num' : undefined}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                >
                  {header.column.getCanSort() ? (
                    <button
                      type="button"
                      className="sort-button"
                      onClick={header.column.getToggleSortingHandler()}
                    >
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      <span className="sort-icon" aria-hidden="true">
                        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                      </span>
                      <span className="visually-hidden">
                        {sorted === 'asc'
                          ? `, ${t('column.sortAscending')}`
                          : sorted === 'desc'
                            ? `, ${t('column.sortDescending')}`
                            : `, ${t('column.sortBy', { column: label })}`}
                      </span>
                    </button>
                  ) : (
                    flexRender(header.column.columnDef.header, header.getContext())
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} data-ssyk={row.original.ssyk} data-class={row.original.signalClass}>
            {row.getVisibleCells().map((cell) =>
              cell.column.id === 'occupation' ? (
                <th key={cell.id} scope="row" data-column="occupation">
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </th>
              ) : (
                <td
                  key={cell.id}
                  className={NUMERIC.includes(cell.column.id) ? 'num' : undefined}
                  data-column={cell.column.id}
                  // Shown before the value (CSS) only when a narrow screen lays the row out as a card, where the
                  // column heading is not above it; kept out of the text so copies and tests read the value alone.
                  data-label={
                    LABELLED.includes(cell.column.id) ? String(cell.column.columnDef.header) : undefined
                  }
                >
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
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
