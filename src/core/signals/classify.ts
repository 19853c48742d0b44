import type { Method, MethodDefinition } from './method.js';
import { displayValue, scoreIndicator } from './score.js';
import type {
  ConfidenceFactor,
  Driver,
  Effect,
  ExplainedIndicator,
  Indicator,
  IndicatorKind,
  Localized,
  Outlook,
  OutlookInput,
  Signal,
  SignalClass,
  SignalInput,
} from './types.js';

const l = (sv: string, en: string): Localized => ({ sv, en });
const round = (v: number, digits = 4): number => Math.round(v * 10 ** digits) / 10 ** digits;
const svNumber = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const enNumber = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Empty text: `explain: false` leaves display texts out. */
const NONE: Localized = { sv: '', en: '' };
const fmt = (v: number): Localized => ({
  sv: svNumber.format(v),
  en: enNumber.format(v),
});

export const classLabels: Record<SignalClass, Localized> = {
  brist: l('Brist', 'Shortage'),
  balans: l('Balans', 'Balance'),
  overskott: l('Överskott', 'Surplus'),
  paradox: l('Paradox', 'Paradox'),
  otillrackligt_underlag: l('Otillräckligt underlag', 'Insufficient evidence'),
};

export const outlookLabels: Record<Outlook, Localized> = {
  oka: l('öka', 'increase'),
  oforandrad: l('oförändrad', 'unchanged'),
  minska: l('minska', 'decrease'),
};

const driverLabels: Record<Driver['code'], Localized> = {
  af_shortage: l('Arbetsförmedlingen bedömer brist', 'Arbetsförmedlingen assesses a shortage'),
  af_surplus: l('Arbetsförmedlingen bedömer överskott', 'Arbetsförmedlingen assesses a surplus'),
  local_shortage: l('Lokalt bristindex visar brist', 'The local shortage index shows a shortage'),
  local_surplus: l(
    'Lokalt bristindex visar konkurrens om jobben',
    'The local index shows competition for jobs',
  ),
  employment_growth: l('Antalet anställda ökar', 'Employment is growing'),
  employment_decline: l('Antalet anställda minskar', 'Employment is falling'),
  retirements: l(
    'Hög andel anställda 55 år och äldre (pensionsavgångar)',
    'Many employees aged 55+ (retirements)',
  ),
  recruitment_problems: l('Rekryteringsproblem', 'Recruitment problems'),
  jobseeker_surplus: l('Det finns gott om arbetssökande', 'Job seekers are available'),
  employer_signals: l('Arbetsgivare signalerar rekryteringsproblem', 'Employers report recruitment problems'),
};

const SHORTAGE_SIDE: ReadonlySet<Driver['code']> = new Set([
  'af_shortage',
  'local_shortage',
  'employment_growth',
  'retirements',
  'employer_signals',
]);

interface Scored {
  indicator: Indicator;
  score: number | null;
  weight: number;
  explained: ExplainedIndicator;
}

const NATIONAL_SHARE: Localized = l(
  'Riksandel: åldersfördelning per yrke finns bara för hela landet.',
  'National share: the age distribution per occupation exists for Sweden only.',
);
const APPORTIONED: Localized = l(
  'Skattat: större områdens siffror fördelade efter befolkningsandel.',
  'Estimated: figures of larger areas apportioned by population share.',
);

/** The note every estimated indicator carries (kept out of the stored inputs, which only hold the flag). */
function standardNote(indicator: Indicator): Localized | undefined {
  if (!indicator.estimated) return undefined;
  if (indicator.measuredAt === 'country:SE') return NATIONAL_SHARE;
  if (indicator.kind === 'employment_change') return APPORTIONED;
  return undefined;
}

function effectOf(score: number | null, method: MethodDefinition): Effect {
  if (score === null) return 'not_scored';
  if (score > method.classes.neutralScore) return 'toward_shortage';
  if (score < method.classes.neutralScore) return 'toward_surplus';
  return 'neutral';
}

function scoreAll(indicators: readonly Indicator[], method: MethodDefinition, explain: boolean): Scored[] {
  const rows = indicators.map((indicator) => {
    const rule = method.indicators[indicator.kind];
    const { score, reason, weight: earned } = scoreIndicator(indicator, method);
    // A rule may weigh a value by how much it says (employer counts); the rule's weight otherwise.
    const ruleWeight = earned ?? rule.weight;
    return { indicator, score, weight: score === null ? 0 : ruleWeight, ruleWeight, reason, rule };
  });
  const totalWeight = rows.reduce((s, r) => s + r.weight, 0);
  return rows.map(({ indicator, score, weight, ruleWeight, reason, rule }) => {
    const display = explain ? displayValue(indicator, rule) : NONE;
    const noteParts = explain
      ? [reason, standardNote(indicator), indicator.note].filter((x): x is Localized => x !== undefined)
      : [];
    return {
      indicator,
      score,
      weight,
      explained: {
        kind: indicator.kind,
        label: rule.label,
        display,
        sourceId: indicator.sourceId,
        period: indicator.period,
        unit: indicator.unit,
        estimated: indicator.estimated,
        ...(indicator.measuredAt ? { measuredAt: indicator.measuredAt } : {}),
        score,
        weight: ruleWeight,
        contribution: score === null || totalWeight === 0 ? null : round((weight * score) / totalWeight),
        effect: effectOf(score, method),
        evidenceGroup: rule.evidenceGroup,
        note: explain
          ? { sv: noteParts.map((n) => n.sv).join(' '), en: noteParts.map((n) => n.en).join(' ') }
          : NONE,
        ...(indicator.members ? { members: indicator.members } : {}),
      },
    };
  });
}

/** Where an outlook figure was measured, as words after "bristindex" / "shortage index" (empty for the area itself). */
function whereMeasured(measuredAt: string | undefined): Localized {
  if (measuredAt?.startsWith('country:')) return { sv: ' för hela riket', en: ' for Sweden as a whole' };
  return { sv: '', en: '' };
}

/** Outlook from the five-year assessments: majority of the sources that say something; ties by priority. */
export function computeOutlook(
  inputs: readonly OutlookInput[],
  method: MethodDefinition,
  explain = true,
): { outlook: Outlook | null; details: Signal['explanation']['outlook'] } {
  const details = inputs.map((input) => {
    let result: Outlook | null;
    let display: Localized;
    // Every figure names its geography: the five-year index (and the one-year index it is compared with) are
    // national figures, unlike the area's own indicators above them (issue 16).
    const where = whereMeasured(input.measuredAt);
    if (input.kind === 'af_prognos') {
      result = input.value;
      display = outlookLabels[input.value];
    } else if (input.baseline === null) {
      result = null;
      display = !explain
        ? NONE
        : {
            sv: `bristindex${where.sv} ${fmt(input.value).sv} om fem år (inget ettårsindex att jämföra med)`,
            en: `shortage index${where.en} ${fmt(input.value).en} in five years (no one-year index to compare with)`,
          };
    } else {
      const delta = input.value - input.baseline;
      result =
        delta >= method.outlook.indexDelta
          ? 'oka'
          : delta <= -method.outlook.indexDelta
            ? 'minska'
            : 'oforandrad';
      display = !explain
        ? NONE
        : {
            sv: `bristindex${where.sv} ${fmt(input.value).sv} om fem år mot ${fmt(input.baseline).sv} om ett år (skillnad på minst ±${fmt(method.outlook.indexDelta).sv} räknas som ökning eller minskning)`,
            en: `shortage index${where.en} ${fmt(input.value).en} in five years against ${fmt(input.baseline).en} in one year (a difference of at least ±${fmt(method.outlook.indexDelta).en} counts as an increase or decrease)`,
          };
    }
    return {
      kind: input.kind,
      display,
      sourceId: input.sourceId,
      period: input.period,
      result,
      ...(input.measuredAt ? { measuredAt: input.measuredAt } : {}),
    };
  });
  const votes = new Map<Outlook, number>();
  for (const d of details) if (d.result) votes.set(d.result, (votes.get(d.result) ?? 0) + 1);
  if (votes.size === 0) return { outlook: null, details };
  const max = Math.max(...votes.values());
  const tied = new Set([...votes.entries()].filter(([, n]) => n === max).map(([o]) => o));
  for (const kind of method.outlook.priority) {
    const hit = details.find((d) => d.kind === kind && d.result !== null && tied.has(d.result));
    if (hit?.result) return { outlook: hit.result, details };
  }
  return { outlook: [...tied][0] ?? null, details };
}

function yearsBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / (365.25 * 24 * 3600 * 1000);
}

function computeConfidence(
  scored: Scored[],
  satisfied: boolean,
  input: SignalInput,
  method: MethodDefinition,
  explain: boolean,
): { confidence: number; factors: ConfidenceFactor[] } {
  if (!satisfied) {
    return {
      confidence: 1,
      factors: [
        {
          code: 'insufficient',
          delta: 0,
          text: l(
            'Otillräckligt underlag ger lägsta säkerhet.',
            'Insufficient evidence gives the lowest confidence.',
          ),
        },
      ],
    };
  }
  const c = method.confidence;
  const used = scored.filter((s) => s.score !== null && s.weight > 0);
  const groups = new Set(used.map((s) => method.indicators[s.indicator.kind].evidenceGroup));
  const base = c.baseByGroups[Math.min(groups.size, c.baseByGroups.length - 1)] ?? 1;
  const factors: ConfidenceFactor[] = [
    {
      code: 'groups',
      delta: base,
      text: !explain
        ? NONE
        : {
            sv: `${groups.size} oberoende källor ger grundvärdet ${base}.`,
            en: `${groups.size} independent sources give a base of ${base}.`,
          },
    },
  ];
  const scores = used.map((s) => s.score as number);
  const spread = Math.max(...scores) - Math.min(...scores);
  if (spread >= c.disagreementSpread) {
    factors.push({
      code: 'disagreement',
      delta: -1,
      text: !explain
        ? NONE
        : {
            sv: `Källorna pekar åt olika håll (poäng ${fmt(Math.min(...scores)).sv}–${fmt(Math.max(...scores)).sv}).`,
            en: `The sources disagree (scores ${fmt(Math.min(...scores)).en}–${fmt(Math.max(...scores)).en}).`,
          },
    });
  }
  const assessments = used.filter((s) => method.indicators[s.indicator.kind].category === 'assessment');
  const oldest = assessments.map((s) => s.indicator.asOf).sort()[0];
  if (oldest) {
    const age = yearsBetween(oldest, input.referenceDate);
    for (const limit of c.ageYears) {
      if (age > limit) {
        factors.push({
          code: 'age',
          delta: -1,
          text: !explain
            ? NONE
            : {
                sv: `Bedömningen är mer än ${limit} år gammal (${oldest.slice(0, 10)}).`,
                en: `The assessment is more than ${limit} years old (${oldest.slice(0, 10)}).`,
              },
        });
      }
    }
  }
  const totalWeight = used.reduce((s, u) => s + u.weight, 0);
  const estimatedWeight = used.filter((u) => u.indicator.estimated).reduce((s, u) => s + u.weight, 0);
  if (totalWeight > 0 && estimatedWeight / totalWeight > c.estimatedWeightShare) {
    factors.push({
      code: 'estimated',
      delta: -1,
      text: l('Mer än hälften av underlaget är skattat.', 'More than half of the evidence is estimated.'),
    });
  }
  const coverage = Math.min(1, ...used.map((u) => u.indicator.members?.weightShare ?? 1));
  if (coverage < c.minCoverage) {
    factors.push({
      code: 'coverage',
      delta: -1,
      text: !explain
        ? NONE
        : {
            sv: `Bara ${Math.round(coverage * 100)} % av områdets vikt har data.`,
            en: `Only ${Math.round(coverage * 100)}% of the area's weight has data.`,
          },
    });
  }
  const total = factors.reduce((s, f) => s + f.delta, 0);
  return { confidence: Math.max(1, Math.min(5, total)), factors };
}

/**
 * The drivers of a signal, strongest first. Strength is weight × distance of the score from the neutral score, the
 * same for both sides (a contribution is not: it grows with the score, so `3 − contribution` would rank a light
 * indicator above a heavy one scoring the same). The paradox pair comes first; thresholds come from the method.
 */
function driversOf(
  scored: Scored[],
  signalClass: SignalClass,
  paradox: ParadoxResult,
  method: MethodDefinition,
): Driver[] {
  if (signalClass === 'otillrackligt_underlag') return [];
  const t = method.drivers;
  const candidates: Array<{
    code: Driver['code'];
    indicator: IndicatorKind;
    rank: number;
    strength: number;
  }> = [];
  const add = (code: Driver['code'], s: Scored): void => {
    const strength = s.weight * Math.abs((s.score as number) - method.classes.neutralScore);
    candidates.push({ code, indicator: s.indicator.kind, rank: 0, strength });
  };
  for (const s of scored) {
    if (s.score === null) continue;
    const k = s.indicator.kind;
    const high = s.score >= t.shortageMin;
    const low = s.score <= t.surplusMax;
    if (k === 'af_recruitment' || k === 'af_job_opportunities' || k === 'af_index_1y') {
      if (high) add('af_shortage', s);
      if (low) add('af_surplus', s);
    } else if (k === 'af_local_index') {
      if (high) add('local_shortage', s);
      if (low) add('local_surplus', s);
    } else if (k === 'employment_change') {
      if (high) add('employment_growth', s);
      if (s.score <= t.declineMax) add('employment_decline', s);
    } else if (k === 'share_55_plus') {
      if (high) add('retirements', s);
    } else if (k === 'employer_signals') {
      if (high) add('employer_signals', s);
    }
  }
  if (paradox.problem)
    candidates.push({ code: 'recruitment_problems', indicator: paradox.problem, rank: 2, strength: 0 });
  if (paradox.surplus)
    candidates.push({ code: 'jobseeker_surplus', indicator: paradox.surplus, rank: 1, strength: 0 });
  const keep = candidates.filter((d) => {
    if (signalClass === 'brist') return SHORTAGE_SIDE.has(d.code);
    if (signalClass === 'overskott') return !SHORTAGE_SIDE.has(d.code);
    return true;
  });
  keep.sort((a, b) => b.rank - a.rank || b.strength - a.strength);
  const seen = new Set<string>();
  const drivers: Driver[] = [];
  for (const d of keep) {
    if (seen.has(d.code)) continue;
    seen.add(d.code);
    drivers.push({ code: d.code, indicator: d.indicator, label: driverLabels[d.code] });
  }
  return drivers;
}

interface ParadoxResult {
  paradox: boolean;
  fromAf: boolean;
  problem?: IndicatorKind;
  surplus?: IndicatorKind;
}

function detectParadox(scored: Scored[], method: MethodDefinition): ParadoxResult {
  const p = method.paradox;
  const afSays =
    p.fromAf && scored.some((s) => s.indicator.kind === 'af_recruitment' && s.indicator.value === 'paradox');
  const problem = scored.find(
    (s) =>
      s.score !== null &&
      p.recruitmentProblem.kinds.includes(s.indicator.kind) &&
      s.score >= p.recruitmentProblem.minScore,
  );
  const surplus = scored.find(
    (s) =>
      s.score !== null &&
      p.jobseekerSurplus.kinds.includes(s.indicator.kind) &&
      s.score <= p.jobseekerSurplus.maxScore,
  );
  if (afSays) return { paradox: true, fromAf: true, problem: 'af_recruitment' };
  if (problem && surplus) {
    return { paradox: true, fromAf: false, problem: problem.indicator.kind, surplus: surplus.indicator.kind };
  }
  return { paradox: false, fromAf: false };
}

const NUMBER_WORDS: Localized[] = [
  l('ingen', 'no'),
  l('en', 'one'),
  l('två', 'two'),
  l('tre', 'three'),
  l('fyra', 'four'),
  l('fem', 'five'),
];
const cap = (x: string): string => x.charAt(0).toUpperCase() + x.slice(1);
/** "en källa" / "två oberoende källor": small counts in words, singular and plural right in both languages. */
function sources(n: number, independent: boolean): Localized {
  const word = NUMBER_WORDS[n] ?? l(String(n), String(n));
  const sv = `${word.sv} ${independent ? 'oberoende ' : ''}${n === 1 ? 'källa' : 'källor'}`;
  const en = `${word.en} ${independent ? 'independent ' : ''}${n === 1 ? 'source' : 'sources'}`;
  return { sv, en };
}

/**
 * The score as the page shows it beside the class. Where the evidence rule decides the class, the score is not a
 * class: the line says from how many sources it comes and what the rule requires (from the method's evidence rule),
 * so "2,67" never reads as shortage beside "Otillräckligt underlag".
 */
export function scoreLine(
  score: number | null,
  evidence: Pick<Signal['evidence'], 'groups' | 'satisfied'> & { hasRequired: boolean },
  def: MethodDefinition,
): Localized {
  if (score === null) return l('Ingen poäng: inga indikatorer med poäng.', 'No score: no scored indicators.');
  const s = fmt(score);
  if (evidence.satisfied) return l(`Poäng ${s.sv} av 3`, `Score ${s.en} of 3`);
  const have = sources(evidence.groups.length, false);
  const need = sources(def.evidence.minIndependentGroups, true);
  const category = def.evidence.requireCategory === 'assessment';
  const withRequired = !evidence.hasRequired
    ? category
      ? l(
          ', varav en direkt bedömning av rekryteringsläget',
          ', one of them a direct assessment of recruitment',
        )
      : l(
          `, varav en av kategorin ${def.evidence.requireCategory}`,
          `, one of category ${def.evidence.requireCategory}`,
        )
    : NONE;
  return {
    sv: `Poäng ${s.sv} från ${have.sv}; minst ${need.sv} krävs${withRequired.sv}, så poängen ger ingen klass.`,
    en: `Score ${s.en} from ${have.en}; at least ${need.en} are required${withRequired.en}, so the score gives no class.`,
  };
}

/**
 * Which way the indicators of the table pull, in one sentence made from the same effects the table shows: it can
 * never say "nothing pulls" while a row says "toward shortage". When the evidence rule decides, it says so.
 */
export function directionSummary(
  indicators: ReadonlyArray<Pick<ExplainedIndicator, 'effect' | 'label'>>,
  signalClass: SignalClass,
): Localized {
  const toShortage = indicators.filter((i) => i.effect === 'toward_shortage');
  const toSurplus = indicators.filter((i) => i.effect === 'toward_surplus');
  const insufficient =
    signalClass === 'otillrackligt_underlag'
      ? l(' Underlaget räcker ändå inte för en klass.', ' The evidence is still too thin for a class.')
      : NONE;
  if (toShortage.length === 0 && toSurplus.length === 0) {
    return {
      sv: `Inga indikatorer drar tydligt åt något håll.${insufficient.sv}`,
      en: `No indicator pulls clearly either way.${insufficient.en}`,
    };
  }
  const part = (list: typeof toShortage, sv: string, en: string): Localized | null =>
    list.length === 0
      ? null
      : {
          sv: `${sv}: ${list.map((i) => i.label.sv).join('; ')}`,
          en: `${en}: ${list.map((i) => i.label.en).join('; ')}`,
        };
  const parts = [
    part(toShortage, 'Mot brist', 'Toward shortage'),
    part(toSurplus, 'Mot överskott', 'Toward surplus'),
  ].filter((x): x is Localized => x !== null);
  return {
    sv: `${parts.map((x) => x.sv).join('. ')}.${insufficient.sv}`,
    en: `${parts.map((x) => x.en).join('. ')}.${insufficient.en}`,
  };
}

function summaryOf(
  signalClass: SignalClass,
  score: number | null,
  watch: boolean,
  scored: Scored[],
  evidence: Signal['evidence'],
  paradox: ParadoxResult,
  scoreText: Localized,
): Localized {
  const used = scored.filter((s) => s.score !== null && s.weight > 0);
  if (signalClass === 'otillrackligt_underlag') {
    // The score line (with the rule) when there is a score; the evidence reason alone when there is none.
    const why = score === null ? evidence.reason : scoreText;
    const first = (x: string): string => x.charAt(0).toLowerCase() + x.slice(1);
    return {
      sv: `Otillräckligt underlag: ${first(why.sv)} Det betyder inte att det saknas brist.`,
      en: `Insufficient evidence: ${first(why.en)} This does not mean there is no shortage.`,
    };
  }
  const s = fmt(score ?? 0);
  const groupsText = sources(evidence.groups.length, true);
  const label = classLabels[signalClass];
  const top = [...used].sort((a, b) => (b.explained.contribution ?? 0) - (a.explained.contribution ?? 0))[0];
  const topText = top
    ? {
        sv: ` Tyngst väger ${top.explained.label.sv}: ${top.explained.display.sv} (${top.indicator.period}).`,
        en: ` The heaviest is ${top.explained.label.en}: ${top.explained.display.en} (${top.indicator.period}).`,
      }
    : { sv: '', en: '' };
  const para =
    signalClass === 'paradox'
      ? paradox.fromAf
        ? l(
            ' Arbetsförmedlingen bedömer paradox: rekryteringsproblem trots arbetssökande.',
            ' Arbetsförmedlingen assesses a paradox: recruitment problems although job seekers are available.',
          )
        : l(
            ' Rekryteringsproblem möter ett överskott av arbetssökande.',
            ' Recruitment problems meet a surplus of job seekers.',
          )
      : { sv: '', en: '' };
  const watchText = watch
    ? l(' Bevaka: poängen ligger nära bristgränsen.', ' Watch: the score is close to the shortage threshold.')
    : { sv: '', en: '' };
  return {
    sv: `${label.sv}: viktad poäng ${s.sv} av 3 från ${used.length} ${used.length === 1 ? 'indikator' : 'indikatorer'} i ${groupsText.sv}.${para.sv}${watchText.sv}${topText.sv}`,
    en: `${label.en}: weighted score ${s.en} of 3 from ${used.length} ${used.length === 1 ? 'indicator' : 'indicators'} in ${groupsText.en}.${para.en}${watchText.en}${topText.en}`,
  };
}

/**
 * The method: score every indicator 0–3, take the weighted mean, apply the evidence rule, the class thresholds and
 * the paradox rule; add outlook, confidence, drivers and a bilingual explanation. Pure and deterministic.
 * `explain: false` leaves the display texts empty (class, score, outlook, confidence and drivers are identical) for
 * bulk computation; the stored inputs re-render the full explanation on read.
 */
export function computeSignal(
  input: SignalInput,
  method: Method,
  options: { explain?: boolean } = {},
): Signal {
  const explain = options.explain !== false;
  const def = method.definition;
  const scored = scoreAll(input.indicators, def, explain);
  const used = scored.filter((s) => s.score !== null && s.weight > 0);
  const totalWeight = used.reduce((s, u) => s + u.weight, 0);
  const score =
    totalWeight > 0
      ? round(used.reduce((s, u) => s + u.weight * (u.score as number), 0) / totalWeight)
      : null;

  const independent = used.filter((u) => def.indicators[u.indicator.kind].category !== 'supporting');
  const groups = [...new Set(independent.map((u) => def.indicators[u.indicator.kind].evidenceGroup))].sort();
  const hasRequired = used.some(
    (u) => def.indicators[u.indicator.kind].category === def.evidence.requireCategory,
  );
  const satisfied = groups.length >= def.evidence.minIndependentGroups && hasRequired;
  // The sources by name, not by id: the labels of the indicators that put each group in the count.
  const groupNames: Localized = {
    sv: groups
      .map((g) => independent.filter((u) => def.indicators[u.indicator.kind].evidenceGroup === g))
      .map((us) => [...new Set(us.map((u) => def.indicators[u.indicator.kind].label.sv))].join(' och '))
      .join('; '),
    en: groups
      .map((g) => independent.filter((u) => def.indicators[u.indicator.kind].evidenceGroup === g))
      .map((us) => [...new Set(us.map((u) => def.indicators[u.indicator.kind].label.en))].join(' and '))
      .join('; '),
  };
  const groupCount = sources(groups.length, true);
  const required = sources(def.evidence.minIndependentGroups, true);
  const reason: Localized = !explain
    ? NONE
    : satisfied
      ? {
          sv: `${cap(groupCount.sv)} (${groupNames.sv}) uppfyller kravet på minst ${required.sv}.`,
          en: `${cap(groupCount.en)} (${groupNames.en}) meet the requirement of at least ${required.en}.`,
        }
      : !hasRequired
        ? {
            sv: `ingen direkt bedömning av rekryteringsläget (t.ex. Arbetsförmedlingens) finns; ${groupCount.sv} av minst ${required.sv} som krävs, varav en bedömning.`,
            en: `no direct assessment of recruitment (e.g. Arbetsförmedlingen's) is available; ${groupCount.en} of the at least ${required.en} required, one of them an assessment.`,
          }
        : {
            sv: `bara ${groupCount.sv} av minst ${required.sv} som krävs.`,
            en: `only ${groupCount.en} of the at least ${required.en} required.`,
          };
  const evidence = { groups, satisfied, reason };
  const scoreText = explain ? scoreLine(score, { groups, satisfied, hasRequired }, def) : NONE;

  const paradox = detectParadox(scored, def);
  let signalClass: SignalClass;
  let watch = false;
  if (!satisfied || score === null) signalClass = 'otillrackligt_underlag';
  else if (paradox.paradox) signalClass = 'paradox';
  else if (score >= def.classes.shortageMin) signalClass = 'brist';
  else if (score <= def.classes.surplusMax) signalClass = 'overskott';
  else {
    signalClass = 'balans';
    watch = score >= def.classes.watchMin;
  }

  const { outlook, details } = computeOutlook(input.outlook, def, explain);
  const { confidence, factors } = computeConfidence(scored, satisfied && score !== null, input, def, explain);
  return {
    ssyk: input.ssyk,
    geographyId: input.geographyId,
    round: input.round,
    methodVersion: method.version,
    methodHash: method.hash,
    signalClass,
    score,
    watch,
    outlook,
    confidence,
    drivers: driversOf(scored, signalClass, paradox, def),
    evidence,
    explanation: {
      summary: explain ? summaryOf(signalClass, score, watch, scored, evidence, paradox, scoreText) : NONE,
      score: scoreText,
      direction: explain
        ? directionSummary(
            scored.map((s) => s.explained),
            signalClass,
          )
        : NONE,
      indicators: scored.map((s) => s.explained),
      outlook: details,
      confidence: factors,
      context: input.context,
      ...(input.members ? { members: input.members } : {}),
    },
  };
}
