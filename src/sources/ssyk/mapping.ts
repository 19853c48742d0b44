/**
 * SCB's SSYK 2012 codes → Arbetsförmedlingen's codes. Every SCB code gets an AF code and the rule that chose it:
 * - `identical`: the code exists in AF's variant;
 * - `manager_level`: SCB splits manager groups into "nivå 1"/"nivå 2" (1211/1212 …); AF has one group per
 *   three-digit group with a final 0 (1210 …). Rule: first three digits + '0';
 * - `folded`: the four SCB-only groups (and their three-digit parent 443) that AF folds into a neighbour.
 *   The target was chosen from AF's labels and definitions; see `FOLDED_SCB_CODES` and the README.
 */
export type ScbMappingRule = 'identical' | 'manager_level' | 'folded';

export interface ScbMapping {
  afCode: string;
  rule: ScbMappingRule;
  note: string | null;
}

/** SCB-only codes AF folds into neighbouring groups, with the reason (shown in the API). */
export const FOLDED_SCB_CODES: Readonly<Record<string, { afCode: string; note: string }>> = {
  '443': {
    afCode: '111',
    note:
      'SCB 443 "Elected representatives" (förtroendevalda) har ingen AF-grupp; AF:s 111 "Politiker och högre ' +
      'ämbetsmän" rymmer förtroendeuppdrag i valda organ.',
  },
  '4430': {
    afCode: '1111',
    note:
      'SCB 4430 "Elected representatives" (förtroendevalda): AF:s 1111 "Politiker" fattar enligt definitionen ' +
      'beslut i demokratiskt valda organ på nationell, regional eller lokal nivå.',
  },
  '5322': {
    afCode: '5321',
    note:
      'SCB 5322 "Assistant nurses, rehabilitation": AF:s 5321 heter "Undersköterskor, hemtjänst, hemsjukvård, ' +
      'äldreboende och habilitering" och omfattar alltså habiliteringen.',
  },
  '5324': {
    afCode: '5323',
    note:
      'SCB 5324 "Assistant nurses, clinic": AF:s 5323 heter "Undersköterskor, vård- och specialavdelning och ' +
      'mottagning" och omfattar alltså mottagningen.',
  },
  '7619': {
    afCode: '7611',
    note:
      'SCB 7619 "Other food processors": AF:s 761 har bara 7611–7613; 7611 "Slaktare och styckare m.fl." ' +
      'omfattar enligt definitionen att konservera kött och andra livsmedel genom saltning, torkning och ' +
      'rökning (7612 är bagare, 7613 provsmakare).',
  },
};

/**
 * The AF code for an SCB code, or `undefined` when no rule applies (the importer then stops: every SCB code
 * must be mapped explicitly).
 */
export function mapScbCodeToAf(code: string, afCodes: ReadonlySet<string>): ScbMapping | undefined {
  if (afCodes.has(code)) return { afCode: code, rule: 'identical', note: null };
  const folded = FOLDED_SCB_CODES[code];
  if (folded) {
    return afCodes.has(folded.afCode)
      ? { afCode: folded.afCode, rule: 'folded', note: folded.note }
      : undefined;
  }
  if (/^1\d\d[12]$/.test(code)) {
    const afCode = `${code.slice(0, 3)}0`;
    if (afCodes.has(afCode)) {
      return {
        afCode,
        rule: 'manager_level',
        note: `SCB delar chefsgruppen i nivå 1/2; AF har en grupp: första tre siffrorna + 0 = ${afCode}.`,
      };
    }
  }
  return undefined;
}
