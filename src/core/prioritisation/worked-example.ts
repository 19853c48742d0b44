import { type CandidateInput, draftPriorities } from './draft.js';
import { COMPONENT_NAMES } from './method.js';

/**
 * The worked example of docs/prioritisation.md: four occupations of SeQF band 4 in an imagined region with three
 * sub-areas. A test recomputes the document's table from these inputs, so the figures there are the code's.
 */
export const WORKED_EXAMPLE: CandidateInput[] = [
  {
    ssyk: '5321',
    name: 'Undersköterskor, hemtjänst, hemsjukvård och äldreboende',
    seqfBand: '4',
    fieldId: 'halsa',
    field: 'Hälso- och sjukvård',
    signalClass: 'brist',
    signalScore: 2.7,
    confidence: 4,
    watch: false,
    employees: 4200,
    retirements5: 520,
    retirementShare5: 0.124,
    employmentChange: 1.2,
    employerNeeds: 6,
    breadth: { shortage: 3, areas: 3 },
    strategic: 0,
  },
  {
    ssyk: '7114',
    name: 'Betongarbetare',
    seqfBand: '4',
    fieldId: 'bygg',
    field: 'Bygg och anläggning',
    signalClass: 'brist',
    signalScore: 2.4,
    confidence: 3,
    watch: false,
    employees: 180,
    retirements5: 22,
    retirementShare5: 0.122,
    employmentChange: 2.5,
    employerNeeds: 2,
    breadth: { shortage: 1, areas: 3 },
    strategic: 1,
  },
  {
    ssyk: '8332',
    name: 'Lastbilsförare m.fl.',
    seqfBand: '4',
    fieldId: 'transport',
    field: 'Transport, distribution, lager',
    signalClass: 'balans',
    signalScore: 1.8,
    confidence: 3,
    watch: true,
    employees: 2100,
    retirements5: 390,
    retirementShare5: 0.186,
    employmentChange: -0.4,
    employerNeeds: 4,
    breadth: { shortage: 2, areas: 3 },
    strategic: 0,
  },
  {
    ssyk: '4119',
    name: 'Övrig kontorspersonal',
    seqfBand: '4',
    fieldId: 'admin',
    field: 'Administration, ekonomi, juridik',
    signalClass: 'overskott',
    signalScore: 0.6,
    confidence: 3,
    watch: false,
    employees: 900,
    retirements5: 140,
    retirementShare5: 0.156,
    employmentChange: -2,
    employerNeeds: 0,
    breadth: { shortage: 0, areas: 3 },
    strategic: 0,
  },
];

const sv = (x: number, digits: number) =>
  x.toLocaleString('sv-SE', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The worked example's table as docs/prioritisation.md shows it, computed by the method. */
export function workedExampleTable(): string {
  const draft = draftPriorities(WORKED_EXAMPLE);
  const head = `| rang | SSYK | nivå (klass) | ${COMPONENT_NAMES.join(' | ')} | poäng | föreslås |`;
  const rule = `| ${['---', '---', '---', ...COMPONENT_NAMES.map(() => '--:'), '--:', '---'].join(' | ')} |`;
  const lines = draft.rows.map(
    (r) =>
      `| ${r.rank} | ${r.ssyk} | ${r.tier} (${r.signalClass}) | ${COMPONENT_NAMES.map((n) => sv(r.components[n].value ?? 0, 3)).join(' | ')} | ${sv(r.score, 1)} | ${r.proposed ? 'ja' : 'nej'} |`,
  );
  return [head, rule, ...lines].join('\n');
}
