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
import { htmlToPdf } from '../../server/html-pdf.js';
import { sourceAdapters } from '../../sources/registry.js';
import type { EvidenceOccupation, EvidencePack } from './evidence-pack.service.js';

/**
 * Renders the YH evidence pack: an HTML print page (also what Chromium prints to PDF) and a DOCX document. Body
 * text is Swedish (MYH's language); headings can be English (`lang: 'en'`) for readers who need them.
 */

export type PackLanguage = 'sv' | 'en';

const HEADINGS = {
  sv: {
    title: 'Arbetsmarknadsunderlag för YH-ansökan',
    region: 'Region',
    generated: 'Skapat',
    occupation: 'Yrke',
    signals: 'Signaler med källor och datum',
    priority: 'Prioriteringslistan',
    needs: 'Arbetsgivares behov (aggregerat)',
    retirements: 'Pensionsavgångar och sysselsatta',
    programmes: 'Befintliga utbildningar i regionen',
    distance: 'Distansalternativ',
    centres: 'Lärcentra inom 30 km',
    versions: 'Dataversioner (för att kunna återskapa underlaget)',
  },
  en: {
    title: 'Labour-market evidence for a YH application',
    region: 'Region',
    generated: 'Generated',
    occupation: 'Occupation',
    signals: 'Signals with sources and dates',
    priority: 'Priority list',
    needs: 'Employer needs (aggregated)',
    retirements: 'Retirements and employment',
    programmes: 'Existing programmes in the region',
    distance: 'Distance options',
    centres: 'Learning centres within 30 km',
    versions: 'Data versions (to reproduce this pack)',
  },
} as const;

const nf = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
const date = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'Europe/Stockholm' }).format(new Date(iso));

/** Words, not codes: an indicator by its method label, a source by its publisher, a service by its name. */
const indicatorName = (kind: string) =>
  (methodV1Definition.indicators as Record<string, { label: { sv: string } } | undefined>)[kind]?.label.sv ??
  kind;
const publisherOf = (sourceId: string) =>
  sourceAdapters.find((a) => a.meta.id === sourceId)?.meta.publisher ?? sourceId;
const outlookName = (outlook: string) =>
  (outlookLabels as Record<string, { sv: string } | undefined>)[outlook]?.sv.toLowerCase() ?? outlook;
const serviceName = (code: string) => (isServiceCode(code) ? serviceDefinition(code).sv : code);

/** The lines of each section as plain Swedish text, shared by the HTML and DOCX renderings. */
function sections(o: EvidenceOccupation, pack: EvidencePack) {
  const signal = o.signal
    ? [
        `Signal: ${classLabels[o.signal.signalClass as SignalClass]?.sv ?? o.signal.signalClass}${o.signal.score === null ? '' : ` (poäng ${nf.format(o.signal.score)})`}${o.signal.outlook ? `, utsikt ${outlookName(o.signal.outlook)}` : ''} – ${pack.round.label}, referensdatum ${pack.round.referenceDate}, metod ${pack.methodVersion}.`,
        ...o.signal.indicators.map(
          (i) =>
            `${indicatorName(i.kind)}: ${i.value === null ? '–' : typeof i.value === 'number' ? nf.format(i.value) : i.value} (källa ${publisherOf(i.sourceId)}, ${i.period})`,
        ),
      ]
    : ['Ingen signal för yrket i regionen.'];
  const priority = o.priority
    ? [
        o.priority.onList
          ? `På regionens ${o.priority.status === 'published' ? 'publicerade' : 'utkast till'} prioriteringslista ${o.priority.year ?? ''} (SeQF ${o.priority.seqfBand ?? '–'}).`
          : `Inte på regionens ${o.priority.status === 'published' ? 'publicerade' : 'utkast till'} prioriteringslista ${o.priority.year ?? ''}.`,
      ]
    : ['Ingen prioriteringslista finns för regionen i Semafor.'];
  const needs = o.employerNeeds
    ? o.employerNeeds.suppressed
      ? ['Färre än 3 arbetsgivare har anmält behov; antalet visas inte.']
      : [
          `${o.employerNeeds.employers} arbetsgivare har anmält behov av sammanlagt ${o.employerNeeds.people} personer${o.employerNeeds.latest ? ` (senast ${o.employerNeeds.latest})` : ''}.`,
        ]
    : ['Inga registrerade arbetsgivarbehov i Semafor.'];
  const retirements = [
    o.employees
      ? `Sysselsatta i regionen: ${nf.format(o.employees.value)} (${o.employees.year}, SCB).`
      : 'Sysselsatta: uppgift saknas.',
    o.retirements
      ? `Beräknade pensionsavgångar: ${nf.format(o.retirements.within5)} inom 5 år, ${nf.format(o.retirements.within10)} inom 10 år${o.retirements.estimated ? ' (uppskattat från riksstrukturen)' : ''}.`
      : 'Pensionsavgångar: uppgift saknas.',
  ];
  const programmes =
    o.programmesInRegion.length === 0
      ? ['Inga kända utbildningar på plats i regionen.']
      : o.programmesInRegion.map(
          (p) =>
            `${p.name} – ${p.provider} (${p.form}, ${p.municipalities.join(', ') || 'ort saknas'}${p.places === null ? '' : `, ${p.places} platser`}, ${p.status})`,
        );
  const distance =
    o.distanceOptions.length === 0
      ? ['Inga kända distansutbildningar.']
      : o.distanceOptions.map(
          (p) =>
            `${p.name} – ${p.provider} (${p.form}${p.places === null ? '' : `, ${p.places} platser`}, ${p.status})`,
        );
  return { signal, priority, needs, retirements, programmes, distance };
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The print page: a self-contained HTML document (no scripts, no external resources). */
export function evidenceHtml(pack: EvidencePack, lang: PackLanguage = 'sv'): string {
  const h = HEADINGS[lang];
  const list = (lines: string[]) => `<ul>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`;
  const body = pack.occupations
    .map((o) => {
      const s = sections(o, pack);
      return `<section><h2>${esc(h.occupation)}: ${esc(o.name)} (SSYK ${esc(o.ssyk)})</h2>
<h3>${esc(h.signals)}</h3>${list(s.signal)}
<h3>${esc(h.priority)}</h3>${list(s.priority)}
<h3>${esc(h.needs)}</h3>${list(s.needs)}
<h3>${esc(h.retirements)}</h3>${list(s.retirements)}
<h3>${esc(h.programmes)}</h3>${list(s.programmes)}
<h3>${esc(h.distance)}</h3>${list(s.distance)}</section>`;
    })
    .join('\n');
  const centres =
    pack.learningCentres.length === 0
      ? ['Inga kända lärcentra inom 30 km.']
      : pack.learningCentres.map(
          (c) =>
            `${c.name}${c.municipality ? `, ${c.municipality}` : ''} – ${nf.format(c.distanceKm)} km${c.services.length ? ` (${c.services.map(serviceName).join(', ')})` : ''}`,
        );
  const versions = pack.dataVersions.map(
    (v) =>
      `${v.sourceId}: ${v.importedAt ? `importerad ${v.importedAt}` : 'inte importerad'}${v.contentHash ? `, sha256 ${v.contentHash.slice(0, 12)}` : ''}`,
  );
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>${esc(h.title)} – ${esc(pack.geography.name)}</title>
<style>
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:10.5pt;color:#111;margin:2cm;line-height:1.4}
h1{font-size:18pt;margin:0 0 .3em}h2{font-size:13pt;margin:1.4em 0 .3em;border-bottom:1px solid #999}
h3{font-size:11pt;margin:.9em 0 .2em}ul{margin:.2em 0 .6em 1.2em;padding:0}section{break-inside:auto}
.meta{color:#333}
</style></head><body>
<h1>${esc(h.title)}</h1>
<p class="meta">${esc(h.region)}: ${esc(pack.geography.name)} (${esc(pack.geography.id)}) · ${esc(h.generated)}: ${esc(date(pack.generatedAt))}</p>
${body}
<h2>${esc(h.centres)}</h2>${list(centres)}
<h2>${esc(h.versions)}</h2>${list([`Signalomgång ${pack.round.roundId} (${pack.round.label}), metod ${pack.methodVersion}`, ...versions])}
</body></html>`;
}

/** The DOCX document (the same content as the print page). */
export async function evidenceDocx(pack: EvidencePack, lang: PackLanguage = 'sv'): Promise<Buffer> {
  const h = HEADINGS[lang];
  const bullets = (lines: string[]) => lines.map((text) => new Paragraph({ text, bullet: { level: 0 } }));
  const children: Array<Paragraph | Table> = [
    new Paragraph({ text: h.title, heading: HeadingLevel.TITLE }),
    new Paragraph({
      children: [
        new TextRun(
          `${h.region}: ${pack.geography.name} (${pack.geography.id}) · ${h.generated}: ${date(pack.generatedAt)}`,
        ),
      ],
    }),
  ];
  for (const o of pack.occupations) {
    const s = sections(o, pack);
    children.push(
      new Paragraph({ text: `${h.occupation}: ${o.name} (SSYK ${o.ssyk})`, heading: HeadingLevel.HEADING_1 }),
    );
    for (const [heading, lines] of [
      [h.signals, s.signal],
      [h.priority, s.priority],
      [h.needs, s.needs],
      [h.retirements, s.retirements],
      [h.programmes, s.programmes],
      [h.distance, s.distance],
    ] as const) {
      children.push(
        new Paragraph({ text: heading, heading: HeadingLevel.HEADING_2 }),
        ...bullets([...lines]),
      );
    }
  }
  children.push(new Paragraph({ text: h.centres, heading: HeadingLevel.HEADING_1 }));
  if (pack.learningCentres.length === 0) children.push(...bullets(['Inga kända lärcentra inom 30 km.']));
  else {
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          ['Lärcentrum', 'Kommun', 'Avstånd (km)'],
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
    new Paragraph({ text: h.versions, heading: HeadingLevel.HEADING_1 }),
    ...bullets([
      `Signalomgång ${pack.round.roundId} (${pack.round.label}), metod ${pack.methodVersion}`,
      ...pack.dataVersions.map(
        (v) =>
          `${v.sourceId}: ${v.importedAt ? `importerad ${v.importedAt}` : 'inte importerad'}${v.contentHash ? `, sha256 ${v.contentHash.slice(0, 12)}` : ''}`,
      ),
    ]),
  );
  const doc = new Document({
    creator: 'Semafor',
    title: `${h.title} – ${pack.geography.name}`,
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

/** Prints the print page to PDF in Chromium (src/server/html-pdf.ts). */
export async function evidencePdf(pack: EvidencePack, lang: PackLanguage = 'sv'): Promise<Buffer> {
  return htmlToPdf(evidenceHtml(pack, lang), { margin: { top: '0', bottom: '0' } });
}
