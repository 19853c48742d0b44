import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import enSignals from '../../i18n/locales/en/signals.json' with { type: 'json' };
import svSignals from '../../i18n/locales/sv/signals.json' with { type: 'json' };
import { CLASS_TEXTS } from '../../sources/af-yrkesprognoser/parse.js';
import {
  AF_CLASS_TEXTS,
  assessmentValueText,
  indexClassText,
  periodText,
  roundName,
  sourceName,
} from './labels.js';

let sv: TFunction<'signals'>;
let en: TFunction<'signals'>;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { sv: { signals: svSignals }, en: { signals: enSignals } },
    lng: 'sv',
    ns: ['signals'],
    defaultNS: 'signals',
    interpolation: { escapeValue: false },
  });
  sv = instance.getFixedT('sv', 'signals') as TFunction<'signals'>;
  en = instance.getFixedT('en', 'signals') as TFunction<'signals'>;
});

describe('words, not codes', () => {
  it('names rounds by dataset in the UI language, and keeps the stored label for an unknown dataset', () => {
    const round = {
      dataset: 'af-yrkesprognoser/1-ar',
      roundId: '18H',
      label: 'Yrkesprognoser 18H, län, ett års sikt',
    };
    expect(roundName(sv, round)).toBe('Yrkesprognoser 18H, län, ett års sikt');
    expect(roundName(en, round)).toBe('Occupational forecasts 18H, counties, one-year horizon');
    expect(roundName(en, { dataset: 'af-yrkesbarometer/barometer', roundId: '2026-1', label: 'x' })).toBe(
      'Occupational barometer 2026-1',
    );
    expect(roundName(en, { dataset: 'new/thing', roundId: '1', label: 'Ny källa 1' })).toBe('Ny källa 1');
  });

  it('names sources by publisher, never by id when the id is known', () => {
    expect(sourceName(sv, 'scb-yrkesregistret')).toBe('SCB, Yrkesregistret');
    expect(sourceName(en, 'af-yrkesprognoser')).not.toContain('af-yrkesprognoser');
    expect(sourceName(en, 'other-source', 'Other publisher')).toBe('Other publisher');
  });

  it("has AF's class texts exactly as the forecast adapter reads them, translated in English", () => {
    expect([...AF_CLASS_TEXTS]).toEqual([...CLASS_TEXTS]);
    expect(indexClassText(sv, 'Mer påtaglig brist')).toBe('Mer påtaglig brist');
    expect(indexClassText(en, 'Mer påtaglig brist')).toBe('Clear shortage');
    expect(indexClassText(en, 'okänd')).toBe('okänd');
  });

  it("puts AF's categories in words", () => {
    expect(assessmentValueText(en, 'recruitment', 'balans')).toBe('Balance');
    expect(assessmentValueText(en, 'job_opportunities', 'medelstora')).toBe('Medium');
    expect(assessmentValueText(sv, 'job_opportunities', 'sma')).toBe('Små');
    expect(assessmentValueText(en, 'outlook', 'oka')).toBe('Increasing');
  });

  it('translates the horizon of a period and leaves other periods alone', () => {
    expect(periodText(en, '18H (5 år)')).toBe('18H (5 years)');
    expect(periodText(en, '18H (1 år)')).toBe('18H (1 year)');
    expect(periodText(sv, '18H (5 år)')).toBe('18H (5 år)');
    expect(periodText(en, '2015–2018')).toBe('2015–2018');
  });
});
