/**
 * Default education level band (SeQF, Sveriges referensram för kvalifikationer) per SSYK-4 unit group.
 * Pure rule, no I/O; documented in docs/indicators.md ("Utbildningsnivå (SeQF-band)").
 *
 * 1. A band from the SSYK 2012 skill level (kompetensnivå) of the group, read off its major group (first digit),
 *    with explicit exceptions for the military groups (01/02/03), the managers and elected politicians.
 * 2. If more than half of the group's occupation names are on Arbetsförmedlingen's list "Yrken utan krav på
 *    utbildning", the band becomes `none`.
 */
/** The geography of the default bands (regions may add their own bands for their geography id). */
export const DEFAULT_SEQF_GEO = 'country:SE';

export const SEQF_BANDS = ['none', '4', '5-6', '6-8'] as const;
export type SeqfBand = (typeof SEQF_BANDS)[number];

export const SEQF_RULE_IDS = [
  'military_officer',
  'military_specialist_officer',
  'military_other_ranks',
  'elected_office',
  'manager',
  'manager_service',
  'skill_level_4',
  'skill_level_3',
  'skill_level_2',
  'skill_level_1',
  'no_education_majority',
] as const;
export type SeqfRuleId = (typeof SEQF_RULE_IDS)[number];

export interface SeqfInput {
  /** SSYK 2012 unit group, four digits (AF variant, e.g. '2221', '1210'). */
  ssykCode: string;
  /** Occupation names (yrkesbenämningar) in the group. */
  namesTotal: number;
  /** Of those, names on AF's list of occupations without education requirement. */
  namesWithoutRequirement: number;
}

export interface SeqfResult {
  band: SeqfBand;
  ruleId: SeqfRuleId;
  /** The rule in words (Swedish), with the figures that decided it. */
  rule: string;
}

/** The step-1 band of a group and why, before the list of occupations without education requirement. */
interface BaseRule {
  band: SeqfBand;
  ruleId: SeqfRuleId;
  text: string;
}

/** Step 1: the band from the skill level of the major group, with the explicit exceptions. */
function baseRule(code: string): BaseRule {
  const major = code.slice(0, 1);
  const subMajor = code.slice(0, 2);
  if (subMajor === '01') {
    return {
      band: '6-8',
      ruleId: 'military_officer',
      text: 'Undantag: officerare (SSYK 01), officersprogrammet är en högskoleexamen (180 hp)',
    };
  }
  if (subMajor === '02') {
    return {
      band: '5-6',
      ruleId: 'military_specialist_officer',
      text: 'Undantag: specialistofficerare (SSYK 02), eftergymnasial specialistofficersutbildning',
    };
  }
  if (subMajor === '03') {
    return {
      band: '4',
      ruleId: 'military_other_ranks',
      text: 'Undantag: soldater m.fl. (SSYK 03), kompetensnivå 2',
    };
  }
  if (code === '1111') {
    return {
      band: 'none',
      ruleId: 'elected_office',
      text: 'Undantag: politiker (SSYK 1111) väljs och har inget utbildningskrav',
    };
  }
  if (subMajor === '17') {
    return {
      band: '5-6',
      ruleId: 'manager_service',
      text: 'Undantag: chefer inom övrig servicenäring (SSYK 17), kompetensnivå 3',
    };
  }
  switch (major) {
    case '1':
      return {
        band: '6-8',
        ruleId: 'manager',
        text: 'Chefsyrken (SSYK 11–16), kompetensnivå 4',
      };
    case '2':
      return {
        band: '6-8',
        ruleId: 'skill_level_4',
        text: 'Huvudgrupp 2, kompetensnivå 4 (fördjupad högskolekompetens)',
      };
    case '3':
      return {
        band: '5-6',
        ruleId: 'skill_level_3',
        text: 'Huvudgrupp 3, kompetensnivå 3 (högskolekompetens eller motsvarande)',
      };
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
      return {
        band: '4',
        ruleId: 'skill_level_2',
        text: `Huvudgrupp ${major}, kompetensnivå 2 (gymnasial utbildning)`,
      };
    case '9':
      return {
        band: 'none',
        ruleId: 'skill_level_1',
        text: 'Huvudgrupp 9, kompetensnivå 1 (kortare utbildning eller introduktion)',
      };
    default:
      throw new RangeError(`Ingen SeQF-regel för SSYK-kod ${code}`);
  }
}

const bandText = (band: SeqfBand): string => (band === 'none' ? 'inget krav' : `SeQF ${band}`);

/** The default SeQF band of an SSYK-4 group and the rule that produced it. */
export function seqfBandFor(input: SeqfInput): SeqfResult {
  const { ssykCode, namesTotal, namesWithoutRequirement } = input;
  if (!/^\d{4}$/.test(ssykCode)) throw new RangeError(`SSYK-4-kod ska vara fyra siffror: "${ssykCode}"`);
  if (!Number.isInteger(namesTotal) || namesTotal < 0) {
    throw new RangeError(`namesTotal ska vara ett heltal ≥ 0: ${namesTotal}`);
  }
  if (!Number.isInteger(namesWithoutRequirement) || namesWithoutRequirement < 0) {
    throw new RangeError(`namesWithoutRequirement ska vara ett heltal ≥ 0: ${namesWithoutRequirement}`);
  }
  if (namesWithoutRequirement > namesTotal) {
    throw new RangeError(
      `fler yrkesbenämningar utan utbildningskrav (${namesWithoutRequirement}) än totalt (${namesTotal})`,
    );
  }
  const base = baseRule(ssykCode);
  const share =
    namesTotal === 0
      ? 'gruppen har inga yrkesbenämningar'
      : `${namesWithoutRequirement} av ${namesTotal} yrkesbenämningar ` +
        `(${Math.round((100 * namesWithoutRequirement) / namesTotal)} %) på AF:s lista Yrken utan krav på utbildning`;
  const majority = namesTotal > 0 && namesWithoutRequirement * 2 > namesTotal;
  if (majority && base.band !== 'none') {
    return {
      band: 'none',
      ruleId: 'no_education_majority',
      rule: `${base.text} → ${bandText(base.band)}; men ${share}, mer än hälften → inget krav`,
    };
  }
  return {
    band: base.band,
    ruleId: base.ruleId,
    rule: `${base.text} → ${bandText(base.band)}; ${share}${namesTotal === 0 || majority ? '' : ', högst hälften'}`,
  };
}
