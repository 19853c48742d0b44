import { describe, expect, it } from 'vitest';
import { computeSignal, directionSummary } from './classify.js';
import { methodV1 } from './method.js';
import type { Indicator, SignalInput } from './types.js';

/** The summary, score line and direction sentence of a signal agree with its class and its indicator table. */

const prov = { period: '18H', asOf: '2018-12-31', unit: 'index 1–5', estimated: false };
const index1y = (value: number): Indicator => ({
  kind: 'af_index_1y',
  value,
  sourceId: 'af-yrkesprognoser',
  ...prov,
});
const share55 = (value: number): Indicator => ({
  kind: 'share_55_plus',
  value,
  sourceId: 'scb-yrkesregistret',
  ...prov,
  period: '2023',
  unit: 'andel',
});
const change = (pct: number): Indicator => ({
  kind: 'employment_change',
  value: pct,
  fromYear: 2022,
  toYear: 2023,
  fromValue: 1000,
  toValue: 1000 * (1 + pct / 100),
  acrossBreak: false,
  sourceId: 'scb-yrkesregistret',
  ...prov,
  period: '2022–2023',
  unit: '% per år',
});
const input = (indicators: Indicator[]): SignalInput => ({
  ssyk: '5323',
  geographyId: 'county:21',
  round: '18H',
  referenceDate: '2018-12-31',
  indicators,
  outlook: [],
  context: {},
});

describe('explanation that agrees with itself', () => {
  it('a shortage-level score from one source is not shown as a class: the score line names the evidence rule', () => {
    // One AF index (score 3) and the supporting share 55+ (score 2): a mean above the shortage threshold, one source.
    const s = computeSignal(input([index1y(4.5), share55(0.27)]), methodV1);
    expect(s.signalClass).toBe('otillrackligt_underlag');
    expect(s.score).toBeGreaterThanOrEqual(methodV1.definition.classes.shortageMin);
    expect(s.explanation.score.sv).toBe(
      'Poäng 2,86 från en källa; minst två oberoende källor krävs, så poängen ger ingen klass.',
    );
    expect(s.explanation.score.en).toBe(
      'Score 2.86 from one source; at least two independent sources are required, so the score gives no class.',
    );
    expect(s.explanation.summary.sv).toContain('Otillräckligt underlag: poäng 2,86 från en källa');
    expect(s.explanation.summary.sv).not.toMatch(/av 3/);
  });

  it('says which way the table pulls when the evidence rule decides (no "nothing pulls" beside "toward shortage")', () => {
    const s = computeSignal(input([index1y(4.5), share55(0.27)]), methodV1);
    expect(s.drivers).toEqual([]);
    const effects = s.explanation.indicators.map((i) => i.effect);
    expect(effects).toContain('toward_shortage');
    expect(s.explanation.direction.sv).not.toContain('Inga indikatorer');
    expect(s.explanation.direction.sv).toMatch(/^Mot brist: Bristindex om 1 år/);
    expect(s.explanation.direction.sv).toContain('Underlaget räcker ändå inte för en klass.');
    expect(s.explanation.direction.en).toMatch(/^Toward shortage: /);
  });

  it('names the missing assessment when no direct assessment exists', () => {
    const s = computeSignal(input([change(4), share55(0.31)]), methodV1);
    expect(s.signalClass).toBe('otillrackligt_underlag');
    expect(s.explanation.score.sv).toContain('varav en direkt bedömning av rekryteringsläget');
  });

  it('keeps "Poäng x av 3" for a class the score decides', () => {
    const s = computeSignal(input([index1y(4.5), change(4)]), methodV1);
    expect(s.signalClass).toBe('brist');
    expect(s.explanation.score.sv).toBe('Poäng 3,00 av 3');
    expect(s.explanation.summary.sv).toMatch(/^Brist: viktad poäng 3,00 av 3/);
  });

  it('direction text follows the effects of the table, row by row', () => {
    const label = { sv: 'A', en: 'A' };
    expect(directionSummary([{ effect: 'neutral', label }], 'balans').sv).toBe(
      'Inga indikatorer drar tydligt åt något håll.',
    );
    expect(
      directionSummary(
        [
          { effect: 'toward_surplus', label: { sv: 'B', en: 'B' } },
          { effect: 'toward_shortage', label },
          { effect: 'not_scored', label: { sv: 'C', en: 'C' } },
        ],
        'balans',
      ),
    ).toEqual({ sv: 'Mot brist: A. Mot överskott: B.', en: 'Toward shortage: A. Toward surplus: B.' });
  });

  it('names sources by what they measure, not by id, with the right singular and plural', () => {
    const one = computeSignal(input([index1y(4.5), share55(0.27)]), methodV1);
    const two = computeSignal(input([index1y(4.5), change(4)]), methodV1);
    for (const s of [one, two]) {
      for (const text of [s.evidence.reason, s.explanation.summary]) {
        expect(text.sv).not.toMatch(/af-yrkesprognoser|scb-yrkesregistret/);
        expect(text.sv).not.toMatch(/\b1 oberoende källor|\ben oberoende källor/);
        expect(text.en).not.toMatch(/\b(1|one) independent sources/);
      }
    }
    expect(one.evidence.reason.sv).toBe('bara en oberoende källa av minst två oberoende källor som krävs.');
    expect(two.evidence.reason.sv).toBe(
      'Två oberoende källor (Bristindex om 1 år (AF Yrkesprognoser); Förändring av antal anställda (SCB)) uppfyller kravet på minst två oberoende källor.',
    );
    expect(two.explanation.summary.sv).toContain('från 2 indikatorer i två oberoende källor.');
  });
});
