import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { isServiceCode, serviceDefinition } from '../../core/learning-centres/services.js';
import { classLabels, outlookLabels } from '../../core/signals/classify.js';
import type { SignalClass } from '../../core/signals/index.js';
import { methodV1Definition } from '../../core/signals/method.js';
import { sourceAdapters } from '../../sources/registry.js';
import { printHtmlToPdf } from '../documents/print-pdf.js';
import type { EvidenceOccupation, EvidencePack } from './evidence-pack.service.js';

/**
 * Renders the YH evidence pack: an HTML print page (also what Chromium prints to PDF) and a DOCX document, in
 * Swedish (MYH's language) or English. Every sentence comes from the i18n catalogues (`education.json`, key `pack`);
 * names taken from the sources (occupations, programmes, providers, places, publishers) stay as the sources write
 * them, and the English pack says so.
 */

export type PackLanguage = 'sv' | 'en';

type Catalogue = { [key: string]: string | Catalogue };
const localesDir = fileURLToPath(new URL('../../i18n/locales/', import.meta.url));
const packTexts = new Map<PackLanguage, Catalogue>();

/** i18next-style lookup (`a.b` keys, `{{name}}` interpolation) in the pack's part of the education catalogue. */
function texts(lang: PackLanguage) {
  let pack = packTexts.get(lang);
  if (!pack) {
    const catalogue = JSON.parse(
      readFileSync(path.join(localesDir, lang, 'education.json'), 'utf8'),
    ) as Catalogue;
    pack = catalogue.pack as Catalogue;
    packTexts.set(lang, pack);
  }
  const root = pack;
  return (key: string, values: Record<string, string | number> = {}): string => {
    let node: string | Catalogue | undefined = root;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node !== 'string') throw new Error(`no text education:pack.${key} (${lang})`);
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
  };
}

const numberFormat = (lang: PackLanguage) =>
  new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 });
const dateOf = (lang: PackLanguage, iso: string) =>
  new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(iso));

/** Words, not codes: an indicator by its method label, a source by its publisher, a service by its name. */
const indicatorName = (kind: string, lang: PackLanguage) =>
  (methodV1Definition.indicators as Record<string, { label: Record<PackLanguage, string> } | undefined>)[kind]
    ?.label[lang] ?? kind;
const publisherOf = (sourceId: string) =>
  sourceAdapters.find((a) => a.meta.id === sourceId)?.meta.publisher ?? sourceId;
const outlookName = (outlook: string, lang: PackLanguage) =>
  (outlookLabels as Record<string, Record<PackLanguage, string> | undefined>)[outlook]?.[
    lang
  ].toLowerCase() ?? outlook;
const serviceName = (code: string, lang: PackLanguage) =>
  isServiceCode(code) ? serviceDefinition(code)[lang] : code;

/** The lines of each section as plain text in the pack's language, shared by the HTML and DOCX renderings. */
function sections(o: EvidenceOccupation, pack: EvidencePack, lang: PackLanguage) {
  const t = texts(lang);
  const nf = numberFormat(lang);
  const signal = o.signal
    ? [
        t('signalLine', {
          class: classLabels[o.signal.signalClass as SignalClass]?.[lang] ?? o.signal.signalClass,
          score: o.signal.score === null ? '' : t('score', { score: nf.format(o.signal.score) }),
          outlook: o.signal.outlook ? t('outlook', { outlook: outlookName(o.signal.outlook, lang) }) : '',
          round: pack.round.label,
          date: pack.round.referenceDate,
          method: pack.methodVersion,
        }),
        ...o.signal.indicators.map((i) =>
          t('indicatorLine', {
            indicator: indicatorName(i.kind, lang),
            value: i.value === null ? '–' : typeof i.value === 'number' ? nf.format(i.value) : i.value,
            publisher: publisherOf(i.sourceId),
            period: i.period,
          }),
        ),
      ]
    : [t('noSignal')];
  const priority = o.priority
    ? [
        t(o.priority.onList ? 'onList' : 'notOnList', {
          status: t(`listStatus.${o.priority.status}`),
          year: o.priority.year ?? '',
          band: o.priority.seqfBand ?? '–',
        }),
      ]
    : [t('noList')];
  const needs = o.employerNeeds
    ? o.employerNeeds.suppressed
      ? [t('needsSuppressed')]
      : [
          t('needsLine', {
            employers: nf.format(o.employerNeeds.employers),
            people: nf.format(o.employerNeeds.people),
            latest: o.employerNeeds.latest ? t('needsLatest', { date: o.employerNeeds.latest }) : '',
          }),
        ]
    : [t('noNeeds')];
  const retirements = [
    o.employees
      ? t('employees', { value: nf.format(o.employees.value), year: o.employees.year })
      : t('noEmployees'),
    o.retirements
      ? t('retirementsLine', {
          within5: nf.format(o.retirements.within5),
          within10: nf.format(o.retirements.within10),
          estimated: o.retirements.estimated ? t('estimated') : '',
        })
      : t('noRetirements'),
  ];
  const form = (f: string) => (/^[a-z]+$/.test(f) ? t(`forms.${f}`) : f);
  const status = (s: string) => (/^(planned|open|running)$/.test(s) ? t(`statuses.${s}`) : s);
  const places = (n: number | null) => (n === null ? [] : [t('places', { count: nf.format(n) })]);
  const programmes =
    o.programmesInRegion.length === 0
      ? [t('noProgrammes')]
      : o.programmesInRegion.map(
          (p) =>
            `${p.name} – ${p.provider} (${[form(p.form), p.municipalities.join(', ') || t('noPlace'), ...places(p.places), status(p.status)].join(', ')})`,
        );
  const distance =
    o.distanceOptions.length === 0
      ? [t('noDistance')]
      : o.distanceOptions.map(
          (p) =>
            `${p.name} – ${p.provider} (${[form(p.form), ...places(p.places), status(p.status)].join(', ')})`,
        );
  return { signal, priority, needs, retirements, programmes, distance };
}

/** The parts outside the occupations: centres, data versions, and the header line. */
function common(pack: EvidencePack, lang: PackLanguage) {
  const t = texts(lang);
  const nf = numberFormat(lang);
  const centres =
    pack.learningCentres.length === 0
      ? [t('noCentres')]
      : pack.learningCentres.map(
          (c) =>
            `${c.name}${c.municipality ? `, ${c.municipality}` : ''} – ${nf.format(c.distanceKm)} km${c.services.length ? ` (${c.services.map((s) => serviceName(s, lang)).join(', ')})` : ''}`,
        );
  const versions = [
    t('roundLine', { round: pack.round.roundId, label: pack.round.label, method: pack.methodVersion }),
    ...pack.dataVersions.map(
      (v) =>
        `${v.importedAt ? t('imported', { source: v.sourceId, at: v.importedAt }) : t('notImported', { source: v.sourceId })}${v.contentHash ? t('hash', { hash: v.contentHash.slice(0, 12) }) : ''}`,
    ),
  ];
  const meta = `${t('region')}: ${pack.geography.name} (${pack.geography.id}) · ${t('generated')}: ${dateOf(lang, pack.generatedAt)}`;
  return { t, nf, centres, versions, meta, note: lang === 'sv' ? null : t('dataNote') };
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The print page: a self-contained HTML document (no scripts, no external resources). */
export function evidenceHtml(pack: EvidencePack, lang: PackLanguage = 'sv'): string {
  const { t, centres, versions, meta, note } = common(pack, lang);
  const list = (lines: string[]) => `<ul>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`;
  const body = pack.occupations
    .map((o) => {
      const s = sections(o, pack, lang);
      return `<section><h2>${esc(t('occupation'))}: ${esc(o.name)} (SSYK ${esc(o.ssyk)})</h2>
<h3>${esc(t('signals'))}</h3>${list(s.signal)}
<h3>${esc(t('priority'))}</h3>${list(s.priority)}
<h3>${esc(t('needs'))}</h3>${list(s.needs)}
<h3>${esc(t('retirements'))}</h3>${list(s.retirements)}
<h3>${esc(t('programmes'))}</h3>${list(s.programmes)}
<h3>${esc(t('distance'))}</h3>${list(s.distance)}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(t('title'))} – ${esc(pack.geography.name)}</title>
<style>
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:10.5pt;color:#111;margin:2cm;line-height:1.4}
h1{font-size:18pt;margin:0 0 .3em}h2{font-size:13pt;margin:1.4em 0 .3em;border-bottom:1px solid #999}
h3{font-size:11pt;margin:.9em 0 .2em}ul{margin:.2em 0 .6em 1.2em;padding:0}section{break-inside:auto}
.meta{color:#333}
</style></head><body>
<h1>${esc(t('title'))}</h1>
<p class="meta">${esc(meta)}</p>
${note ? `<p class="meta">${esc(note)}</p>` : ''}
${body}
<h2>${esc(t('centres'))}</h2>${list(centres)}
<h2>${esc(t('versions'))}</h2>${list(versions)}
</body></html>`;
}

/** The DOCX document (the same content as the print page). */
export async function evidenceDocx(pack: EvidencePack, lang: PackLanguage = 'sv'): Promise<Buffer> {
  const { t, nf, centres, versions, meta, note } = common(pack, lang);
  const bullets = (lines: string[]) => lines.map((text) => new Paragraph({ text, bullet: { level: 0 } }));
  const children: Array<Paragraph | Table> = [
    new Paragraph({ text: t('title'), heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun(meta)] }),
    ...(note ? [new Paragraph({ children: [new TextRun({ text: note, italics: true })] })] : []),
  ];
  for (const o of pack.occupations) {
    const s = sections(o, pack, lang);
    children.push(
      new Paragraph({
        text: `${t('occupation')}: ${o.name} (SSYK ${o.ssyk})`,
        heading: HeadingLevel.HEADING_1,
      }),
    );
    for (const [heading, lines] of [
      ['signals', s.signal],
      ['priority', s.priority],
      ['needs', s.needs],
      ['retirements', s.retirements],
      ['programmes', s.programmes],
      ['distance', s.distance],
    ] as const) {
      children.push(
        new Paragraph({ text: t(heading), heading: HeadingLevel.HEADING_2 }),
        ...bullets([...lines]),
      );
    }
  }
  children.push(new Paragraph({ text: t('centres'), heading: HeadingLevel.HEADING_1 }));
  if (pack.learningCentres.length === 0) children.push(...bullets(centres));
  else {
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          [t('centreTable.centre'), t('centreTable.municipality'), t('centreTable.distance')],
          ...pack.learningCentres.map((c) => [c.name, c.municipality ?? '–', nf.format(c.distanceKm)]),
        ].map(
          (cells) =>
            new TableRow({
              children: cells.map(
                (text, i) =>
                  new TableCell({
                    children: [
                      new Paragraph({ text, alignment: i === 2 ? AlignmentType.RIGHT : AlignmentType.LEFT }),
                    ],
                  }),
              ),
            }),
        ),
      }),
    );
  }
  children.push(
    new Paragraph({ text: t('versions'), heading: HeadingLevel.HEADING_1 }),
    ...bullets(versions),
  );
  const doc = new Document({
    creator: 'Semafor',
    title: `${t('title')} – ${pack.geography.name}`,
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

/** Prints the print page to PDF in Chromium (the shared printer of src/modules/documents). */
export async function evidencePdf(pack: EvidencePack, lang: PackLanguage = 'sv'): Promise<Buffer> {
  return printHtmlToPdf(evidenceHtml(pack, lang));
}
