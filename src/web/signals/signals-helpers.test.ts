import { describe, expect, it } from 'vitest';
import { methodV1 } from '../../core/signals/method.js';
import type { SignalClass } from '../../core/signals/types.js';
import enSignals from '../../i18n/locales/en/signals.json' with { type: 'json' };
import svSignals from '../../i18n/locales/sv/signals.json' with { type: 'json' };
import { summariseMethod } from '../../modules/methods/methods.service.js';
import { expandSignalList, type SignalListJson } from './api.js';
import { classMeaningValues } from './class-meaning.js';
import { CLASS_STYLES, classRank, seqfKey } from './classes.js';
import { BOM, buildCsv, csvField, exportFileName } from './csv.js';
import { exportColumns } from './export-columns.js';
import { searchGeographies } from './geo-search.js';
import { countPerRegion, dominantClass, legendItems, NO_DATA_STYLE } from './legend.js';
import {
  compareByClass,
  countClasses,
  countsByField,
  countsBySeqf,
  emptyCounts,
  fieldOptions,
  filterSignals,
  foldText,
  groupBySeqfAndField,
  type SignalRowLike,
} from './table-data.js';

const bygg = { id: 'bygg-anlaggning', sv: 'Bygg och anläggning', en: 'Building and civil engineering' };
const halsa = { id: 'halso-sjukvard', sv: 'Hälso- och sjukvård', en: 'Health care' };
const ekonomi = { id: 'ekonomi', sv: 'Administration, ekonomi, juridik', en: 'Administration, finance, law' };

const row = (
  ssyk: string,
  sv: string,
  en: string | null,
  field: SignalRowLike['field'],
  seqf: string | null,
  signalClass: SignalClass,
): SignalRowLike => ({ ssyk, label: { sv, en }, field, seqf, signalClass });

const rows: SignalRowLike[] = [
  row('7114', 'Anläggningsarbetare', 'Rail and road construction workers', bygg, '4', 'brist'),
  row('2221', 'Grundutbildade sjuksköterskor', 'Nurses', halsa, '6-8', 'brist'),
  row('4112', 'Ekonomiassistenter m.fl.', null, ekonomi, '4', 'overskott'),
  row('7111', 'Träarbetare, snickare m.fl.', 'Carpenters', bygg, '4', 'balans'),
  row('3214', 'Tandsköterskor', 'Dental nurses', halsa, '5-6', 'paradox'),
  row('9999', 'Okänd grupp', null, null, null, 'otillrackligt_underlag'),
];

describe('filterSignals', () => {
  it('filters by field, SeQF band and class together', () => {
    expect(filterSignals(rows, { field: 'bygg-anlaggning' }).map((r) => r.ssyk)).toEqual(['7114', '7111']);
    expect(
      filterSignals(rows, { field: 'bygg-anlaggning', signalClass: 'brist' }).map((r) => r.ssyk),
    ).toEqual(['7114']);
    expect(filterSignals(rows, { seqf: '4' }).map((r) => r.ssyk)).toEqual(['7114', '4112', '7111']);
    expect(filterSignals(rows, { seqf: 'unknown' }).map((r) => r.ssyk)).toEqual(['9999']);
  });

  it('matches free text in Swedish or English labels and field names, ignoring case', () => {
    expect(filterSignals(rows, { text: 'SKÖTERSKOR' }).map((r) => r.ssyk)).toEqual(['2221', '3214']);
    expect(filterSignals(rows, { text: 'nurses' }).map((r) => r.ssyk)).toEqual(['2221', '3214']);
    expect(filterSignals(rows, { text: 'anläggning' }).map((r) => r.ssyk)).toEqual(['7114', '7111']);
    // Every word must occur somewhere.
    expect(filterSignals(rows, { text: 'bygg snickare' }).map((r) => r.ssyk)).toEqual(['7111']);
  });

  it('also keeps the groups the server named for the text (occupation names and synonyms)', () => {
    // "asfaltarbete" is a JobTech keyword of 7114, not a word of its label.
    expect(filterSignals(rows, { text: 'asfaltarbete' })).toEqual([]);
    expect(
      filterSignals(rows, { text: 'asfaltarbete', textCodes: new Set(['7114']) }).map((r) => r.ssyk),
    ).toEqual(['7114']);
    // Other filters still apply to those rows.
    expect(
      filterSignals(rows, { text: 'asfaltarbete', textCodes: new Set(['7114']), signalClass: 'balans' }),
    ).toEqual([]);
  });

  it('treats digits as an SSYK code prefix', () => {
    expect(filterSignals(rows, { text: '711' }).map((r) => r.ssyk)).toEqual(['7114', '7111']);
    expect(filterSignals(rows, { text: ' 2221 ' }).map((r) => r.ssyk)).toEqual(['2221']);
  });

  it('keeps å, ä and ö apart from a, o', () => {
    expect(foldText('Hälso-  och SJUKVÅRD')).toBe('hälso- och sjukvård');
    expect(foldText('Café')).toBe('cafe');
    expect(filterSignals(rows, { text: 'halso' })).toEqual([]);
  });
});

describe('grouping and counting', () => {
  it('groups by SeQF band (highest first) and then by field name, keeping the row order', () => {
    const groups = groupBySeqfAndField(rows, 'sv');
    expect(groups.map((g) => [g.seqf, g.count])).toEqual([
      ['6-8', 1],
      ['5-6', 1],
      ['4', 3],
      ['unknown', 1],
    ]);
    const band4 = groups[2]!;
    expect(band4.fields.map((f) => f.fieldName)).toEqual([
      'Administration, ekonomi, juridik',
      'Bygg och anläggning',
    ]);
    expect(band4.fields[1]!.rows.map((r) => r.ssyk)).toEqual(['7114', '7111']);
    expect(groups[3]!.fields[0]).toMatchObject({ fieldId: '', fieldName: undefined });
  });

  it('sorts fields by the UI language', () => {
    const band4 = groupBySeqfAndField(rows, 'en')[2]!;
    expect(band4.fields.map((f) => f.fieldName)).toEqual([
      'Administration, finance, law',
      'Building and civil engineering',
    ]);
  });

  it('counts classes overall, per field and per SeQF band', () => {
    expect(countClasses(rows)).toEqual({
      brist: 2,
      paradox: 1,
      balans: 1,
      overskott: 1,
      otillrackligt_underlag: 1,
    });
    const byField = countsByField(rows, 'sv', 'Utan yrkesområde');
    expect(byField.map((f) => [f.label, f.total])).toEqual([
      ['Administration, ekonomi, juridik', 1],
      ['Bygg och anläggning', 2],
      ['Hälso- och sjukvård', 2],
      ['Utan yrkesområde', 1],
    ]);
    expect(byField[1]!.counts).toMatchObject({ brist: 1, balans: 1 });
    expect(countsBySeqf(rows).map((b) => [b.key, b.counts.brist, b.total])).toEqual([
      ['6-8', 1, 1],
      ['5-6', 0, 1],
      ['4', 1, 3],
      ['unknown', 0, 1],
    ]);
  });

  it('lists the fields present with counts, sorted by name', () => {
    expect(fieldOptions(rows, 'sv')).toEqual([
      { id: 'ekonomi', name: 'Administration, ekonomi, juridik', count: 1 },
      { id: 'bygg-anlaggning', name: 'Bygg och anläggning', count: 2 },
      { id: 'halso-sjukvard', name: 'Hälso- och sjukvård', count: 2 },
    ]);
  });

  it('orders by class with shortage first, then by label', () => {
    const sorted = [...rows].sort(compareByClass('sv')).map((r) => r.ssyk);
    expect(sorted).toEqual(['7114', '2221', '3214', '7111', '4112', '9999']);
    expect(classRank('brist')).toBeLessThan(classRank('otillrackligt_underlag'));
    expect(seqfKey('bogus')).toBe('unknown');
  });
});

describe('signal list from the API', () => {
  const item = (ssyk: string, fieldId: string | null): SignalListJson['signals'][number] => ({
    ssyk,
    label: { sv: `Yrke ${ssyk}`, en: null },
    fieldId,
    seqf: '4',
    signalClass: 'brist',
    score: 2.5,
    watch: false,
    outlook: null,
    confidence: 3,
    drivers: [],
    keyIndicators: [],
    employees: { value: 120, year: 2024 },
    retirements: null,
  });
  const list: SignalListJson = {
    geography: { id: 'county:21' },
    round: {
      methodVersion: 'v1',
      methodHash: 'h',
      roundId: '2025-2',
      label: 'Yrkesbarometer 2025-2',
      dataset: 'af-yrkesbarometer/barometer',
      referenceDate: '2025-12-31',
      geographyTypes: ['county'],
      signalCount: 400,
      computedAt: '2026-01-01T00:00:00.000Z',
      coverage: { county: 3 },
      defaultFor: [],
      horizon: { assessmentYears: 1, outlookYears: 5 },
      age: {
        referenceDate: '2025-12-31',
        months: 0,
        words: { sv: 'mindre än en månad', en: 'less than a month' },
        isOld: false,
        oldAfterYears: 2,
      },
    },
    roundChoice: 'requested',
    methodVersion: 'v1',
    needs: null,
    total: 3,
    fields: { [bygg.id]: { sv: bygg.sv, en: bygg.en } },
    signals: [item('7114', bygg.id), item('7111', bygg.id), item('9999', null)],
  };

  it("resolves each row's field id to one shared field object and keeps the rest as sent", () => {
    const data = expandSignalList(list);
    expect(data.signals.map((r) => r.field)).toEqual([bygg, bygg, null]);
    expect(data.signals[0]?.field).toBe(data.signals[1]?.field);
    expect(data.signals[0]).not.toHaveProperty('fieldId');
    expect(data.signals[2]).toMatchObject({ ssyk: '9999', employees: { value: 120, year: 2024 } });
    expect(data).not.toHaveProperty('fields');
    expect(data.round.roundId).toBe('2025-2');
  });

  it("exports name the list's round and area on every row", () => {
    const columns = exportColumns(
      {
        column: (key) => key,
        className: (c) => c,
        watch: 'bevaka',
        seqf: (key) => key,
        outlook: (o) => o ?? '–',
      },
      'sv',
      { geoName: 'Gävleborgs län', roundId: '2025-2' },
    );
    const csv = buildCsv(expandSignalList(list).signals, columns, { decimal: ',' });
    const [header, first] = csv.slice(1).split('\r\n');
    expect(header?.split(';').slice(-2)).toEqual(['round', 'geo']);
    expect(first?.split(';')).toEqual([
      'Yrke 7114',
      '7114',
      'Bygg och anläggning',
      '4',
      'brist',
      '2,5',
      '–',
      '3',
      '120',
      '',
      '2025-2',
      'Gävleborgs län',
    ]);
  });
});

describe('CSV', () => {
  it('starts with a BOM, separates with semicolons, ends lines with CRLF and writes decimal commas', () => {
    const csv = buildCsv(
      [
        { name: 'Anläggningsarbetare', score: 2.8333, n: 670 },
        { name: 'Kockar; kallskänkor', score: null, n: 1200 },
      ],
      [
        { header: 'Yrke', value: (r) => r.name },
        { header: 'Poäng', value: (r) => r.score },
        { header: 'Anställda', value: (r) => r.n },
      ],
      { decimal: ',', preamble: ['Källa: Semafor'] },
    );
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Källa: Semafor',
      'Yrke;Poäng;Anställda',
      'Anläggningsarbetare;2,8333;670',
      '"Kockar; kallskänkor";;1200',
      '',
    ]);
  });

  it('quotes quotes and line breaks, and defuses formulas', () => {
    expect(csvField('Sa "hej"', ',')).toBe('"Sa ""hej"""');
    expect(csvField('rad 1\nrad 2', ',')).toBe('"rad 1\nrad 2"');
    expect(csvField('=SUM(A1)', ',')).toBe("'=SUM(A1)");
    expect(csvField(-1.5, ',')).toBe('-1,5');
    expect(csvField(-1.5, '.')).toBe('-1.5');
    expect(csvField(' kant ', ',')).toBe('" kant "');
    expect(csvField(undefined, ',')).toBe('');
    expect(csvField(Number.NaN, ',')).toBe('');
  });

  it('makes portable file names', () => {
    expect(exportFileName(['Semafor', 'signaler', 'Gävleborgs län', '2025-2'], 'csv')).toBe(
      'semafor-signaler-gavleborgs-lan-2025-2.csv',
    );
    expect(exportFileName(['', '!!'], 'xlsx')).toBe('semafor.xlsx');
  });
});

describe('map legend', () => {
  it('counts regions per class in the usual order and adds "no data" only when it occurs', () => {
    const values = new Map([
      ['county:21', 'brist' as const],
      ['county:22', 'brist' as const],
      ['county:23', 'overskott' as const],
    ]);
    const items = legendItems(['county:21', 'county:22', 'county:23'], values);
    expect(items.map((i) => [i.value, i.count])).toEqual([
      ['brist', 2],
      ['paradox', 0],
      ['balans', 0],
      ['overskott', 1],
      ['otillrackligt_underlag', 0],
    ]);
    const withGap = legendItems(['county:21', 'county:24'], values);
    expect(withGap.at(-1)).toEqual({ value: 'none', style: NO_DATA_STYLE, count: 1 });
  });

  it('gives every class its own icon and pattern, so colour is never the only difference', () => {
    const icons = new Set(Object.values(CLASS_STYLES).map((s) => s.icon));
    const patterns = new Set(Object.values(CLASS_STYLES).map((s) => s.pattern));
    expect(icons.size).toBe(5);
    expect(patterns.size).toBe(5);
  });

  it('picks the dominant class of a field per region, ignoring insufficient evidence unless nothing else', () => {
    const counts = { ...emptyCounts(), brist: 2, balans: 2, otillrackligt_underlag: 7 };
    expect(dominantClass(counts)).toBe('brist');
    expect(dominantClass({ ...emptyCounts(), overskott: 3, balans: 1 })).toBe('overskott');
    expect(dominantClass({ ...emptyCounts(), otillrackligt_underlag: 4 })).toBe('otillrackligt_underlag');
    expect(dominantClass(emptyCounts())).toBe('none');
    const perRegion = countPerRegion([
      [
        { geographyId: 'county:21', signalClass: 'brist' },
        { geographyId: 'county:22', signalClass: 'balans' },
      ],
      [{ geographyId: 'county:21', signalClass: 'brist' }],
    ]);
    expect(perRegion.get('county:21')?.brist).toBe(2);
    expect(perRegion.get('county:22')?.balans).toBe(1);
  });
});

describe('area search', () => {
  const geo = (id: string, name: string, shortName: string, parentId: string | null = null) => ({
    id,
    type: id.split(':')[0]!,
    code: id.split(':')[1]!,
    name,
    shortName,
    parentId,
  });
  const list = [
    geo('country:SE', 'Sverige', 'Sverige'),
    geo('county:21', 'Gävleborgs län', 'Gävleborg', 'country:SE'),
    geo('county:22', 'Västernorrlands län', 'Västernorrland', 'country:SE'),
    geo('municipality:2180', 'Gävle kommun', 'Gävle', 'county:21'),
    geo('municipality:2182', 'Söderhamns kommun', 'Söderhamn', 'county:21'),
    geo('municipality:2183', 'Bollnäs kommun', 'Bollnäs', 'county:21'),
    geo('fa:36', 'Gävle', 'Gävle'),
    geo('area:sodra-halsingland', 'Södra Hälsingland', 'Södra Hälsingland'),
  ];

  it('lists the country and the counties for an empty query', () => {
    expect(searchGeographies(list, '').map((h) => h.geo.id)).toEqual([
      'country:SE',
      'county:21',
      'county:22',
    ]);
  });

  it('finds by name prefix, ranks counties before municipalities, and ignores case', () => {
    expect(searchGeographies(list, 'GÄVLE').map((h) => h.geo.id)).toEqual([
      'fa:36',
      'municipality:2180',
      'county:21',
    ]);
  });

  it('finds the county and custom areas of a municipality by the municipality name', () => {
    const hits = searchGeographies(list, 'bollnäs', {
      members: new Map([['area:sodra-halsingland', ['municipality:2182', 'municipality:2183']]]),
    });
    expect(hits.map((h) => [h.geo.id, h.via])).toEqual([
      ['municipality:2183', undefined],
      ['county:21', 'Bollnäs'],
      ['area:sodra-halsingland', 'Bollnäs'],
    ]);
  });

  it('finds by code and inside names', () => {
    expect(searchGeographies(list, '2182').map((h) => h.geo.id)).toEqual(['municipality:2182', 'county:21']);
    expect(searchGeographies(list, 'norrland').map((h) => h.geo.id)).toEqual(['county:22']);
  });
});

describe('class meanings quote the method', () => {
  it('takes the thresholds from the method summary, and the catalogues hold no copies of them', () => {
    const method = summariseMethod(methodV1);
    expect(classMeaningValues(method, 'sv')).toEqual({
      shortageMin: '2,0',
      watchMin: '1,5',
      surplusMax: '1,0',
      groups: '2',
    });
    expect(classMeaningValues(method, 'en').watchMin).toBe('1.5');
    for (const catalogue of [svSignals, enSignals]) {
      for (const text of Object.values(catalogue.classMeaning)) expect(text).not.toMatch(/\d[,.]\d|två|two/);
    }
  });
});
