import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/languages.js';
import { isApiError } from '../api.js';
import { OccupationPicker } from '../components/occupation-picker.js';
import { formatNumber } from '../format.js';
import { useLanguage } from '../i18n.js';
import { isOccupationKey, occupationFieldsQuery, occupationNameQuery } from './api.js';

/**
 * The region's strategic weights on the settings page: one row per occupational field or occupation (SSYK-4) with
 * its weight 0–1, added with a field select or the occupation picker and removed per row. Controlled: the settings
 * form holds the rows and saves them with the other settings (one version, one 409).
 */

export interface StrategicRow {
  key: string;
  /** The weight as typed (`0,5`). */
  text: string;
}

export interface KeyLabel {
  kind: 'field' | 'occupation' | 'unknown';
  /** The field's or occupation's name; the key itself while loading or unknown. */
  name: string;
  /** How the row is named in messages and to screen readers: "Betongarbetare (SSYK 7114)". */
  long: string;
  /** The occupation's field (for "its own weight wins over the field's"). */
  fieldId: string | null;
}

/** Names for the keys of the strategic weights: fields from /api/occupation-fields, occupations one by one. */
export function useKeyLabels(keys: readonly string[]): (key: string) => KeyLabel {
  const { t } = useTranslation('priorities');
  const language = useLanguage();
  const fields = useQuery(occupationFieldsQuery);
  const codes = keys.filter(isOccupationKey);
  const occupations = useQueries({ queries: codes.map((code) => occupationNameQuery(code)) });
  const unknown = (key: string): KeyLabel => ({
    kind: 'unknown',
    name: key,
    long: t('settings.strategic.unknownName', { key }),
    fieldId: null,
  });
  return (key) => {
    if (isOccupationKey(key)) {
      const q = occupations[codes.indexOf(key)];
      const o = q?.data;
      // Only a 404 means the code is not an occupation; another failure keeps the code as the name.
      if (isApiError(q?.error) && q.error.status === 404) return unknown(key);
      const name = o ? ((language === 'en' ? o.labelEn : null) ?? o.labelSv) : key;
      return {
        kind: 'occupation',
        name,
        // While the name loads the code alone names the row.
        long: o ? t('settings.strategic.occupationName', { name, ssyk: key }) : `SSYK ${key}`,
        fieldId: o?.field?.id ?? null,
      };
    }
    const field = fields.data?.fields.find((f) => f.id === key);
    // Unknown only once the list has come: while it loads (or when it failed) the id names the row.
    if (!field)
      return fields.isSuccess ? unknown(key) : { kind: 'field', name: key, long: key, fieldId: null };
    const name = language === 'en' ? field.nameEn : field.nameSv;
    return { kind: 'field', name, long: t('settings.strategic.fieldName', { name }), fieldId: null };
  };
}

/** A weight as typed in the user's language (`0,5` in Swedish). */
export const weightText = (v: number, language: Language) =>
  formatNumber(v, language, { maximumFractionDigits: 4 });

const rowId = (key: string) => `strategic-${key}`;

export function StrategicWeights({
  rows,
  onChange,
  invalidKey,
  labelOf,
  componentWeight,
  disabled,
}: {
  rows: readonly StrategicRow[];
  onChange: (rows: StrategicRow[]) => void;
  /** The row the last check found wrong (its input is marked and its message shown). */
  invalidKey: string | null;
  labelOf: (key: string) => KeyLabel;
  /** The strategic component's share of the score (its weight over the sum of all weights), for the explanation. */
  componentWeight: { weight: number; share: number };
  disabled?: boolean;
}) {
  const { t } = useTranslation('priorities');
  const language = useLanguage();
  const fields = useQuery(occupationFieldsQuery);
  const [fieldChoice, setFieldChoice] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const keys = new Set(rows.map((r) => r.key));
  const focusWeight = (key: string) =>
    requestAnimationFrame(() => document.getElementById(`${rowId(key)}-weight`)?.focus());

  // The picker announces an added occupation itself; a field is announced here, and either when already listed.
  const add = (key: string, announce: boolean) => {
    if (keys.has(key)) {
      setAnnouncement(t('settings.strategic.already', { name: labelOf(key).long }));
    } else {
      onChange([...rows, { key, text: '' }]);
      if (announce) setAnnouncement(t('settings.strategic.added', { name: labelOf(key).long }));
    }
    focusWeight(key);
  };
  const remove = (key: string) => {
    const index = rows.findIndex((r) => r.key === key);
    const next = rows.filter((r) => r.key !== key);
    onChange(next);
    setAnnouncement(t('settings.strategic.removed', { name: labelOf(key).long }));
    // Focus goes to the next row's remove button, or to the field select when none is left: never lost.
    const after = next[Math.min(index, next.length - 1)];
    requestAnimationFrame(() =>
      document.getElementById(after ? `${rowId(after.key)}-remove` : 'strategic-add-field')?.focus(),
    );
  };

  const points = formatNumber(componentWeight.share * 100, language, { maximumFractionDigits: 1 });
  const freeFields = (fields.data?.fields ?? []).filter((f) => !keys.has(f.id));
  return (
    <fieldset className="field strategic-weights" aria-describedby="strategic-how">
      <legend>{t('settings.strategic.title')}</legend>
      <div id="strategic-how" className="hint">
        <p>{t('settings.strategic.what')}</p>
        <p>{t('settings.strategic.precedence')}</p>
        <p>
          {t('settings.strategic.inScore', {
            weight: weightText(componentWeight.weight, language),
            points,
          })}
        </p>
      </div>
      {rows.length === 0 ? (
        <p>{t('settings.strategic.none')}</p>
      ) : (
        <table className="strategic-table">
          <caption className="visually-hidden">{t('settings.strategic.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.strategic.appliesTo')}</th>
              <th scope="col">{t('settings.strategic.weight')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('settings.strategic.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const label = labelOf(row.key);
              const wrong = invalidKey === row.key || label.kind === 'unknown';
              const overridden =
                label.kind === 'occupation' && label.fieldId !== null && keys.has(label.fieldId)
                  ? labelOf(label.fieldId).name
                  : null;
              const id = rowId(row.key);
              return (
                <tr key={row.key} id={id}>
                  <th scope="row">
                    <span className="strategic-name">{label.name}</span>
                    <span className="strategic-kind">
                      {label.kind === 'field'
                        ? t('settings.strategic.kindField')
                        : label.kind === 'occupation'
                          ? t('settings.strategic.kindOccupation', { ssyk: row.key })
                          : t('settings.strategic.kindUnknown')}
                    </span>
                    {overridden && (
                      <span className="strategic-kind">
                        {t('settings.strategic.overrides', { field: overridden })}
                      </span>
                    )}
                  </th>
                  <td data-label={t('settings.strategic.weight')}>
                    <label htmlFor={`${id}-weight`} className="visually-hidden">
                      {t('settings.strategic.weightFor', { name: label.long })}
                    </label>
                    <input
                      id={`${id}-weight`}
                      type="text"
                      inputMode="decimal"
                      className="strategic-weight"
                      value={row.text}
                      disabled={disabled}
                      aria-invalid={wrong || undefined}
                      aria-describedby={wrong ? `${id}-error` : undefined}
                      onChange={(e) =>
                        onChange(rows.map((r) => (r.key === row.key ? { ...r, text: e.target.value } : r)))
                      }
                    />
                    {wrong && (
                      <span id={`${id}-error`} className="field-error strategic-error">
                        {label.kind === 'unknown'
                          ? t('settings.strategic.unknownRow')
                          : t('settings.strategic.invalidRow')}
                      </span>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      id={`${id}-remove`}
                      className="button button-small"
                      disabled={disabled}
                      onClick={() => remove(row.key)}
                    >
                      {t('settings.strategic.remove')}
                      <span className="visually-hidden"> {label.long}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="strategic-add">
        <label htmlFor="strategic-add-field">{t('settings.strategic.addField')}</label>
        <div className="strategic-add-row">
          <select
            id="strategic-add-field"
            value={fieldChoice}
            disabled={disabled || !fields.data}
            onChange={(e) => setFieldChoice(e.target.value)}
          >
            <option value="">{t('settings.strategic.chooseField')}</option>
            {freeFields.map((f) => (
              <option key={f.id} value={f.id}>
                {language === 'en' ? f.nameEn : f.nameSv}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={disabled || fieldChoice === ''}
            onClick={() => {
              add(fieldChoice, true);
              setFieldChoice('');
            }}
          >
            {t('settings.strategic.addFieldButton')}
          </button>
        </div>
      </div>
      <OccupationPicker
        name="strategic-occupation"
        value={[]}
        onChange={(codes) => {
          for (const code of codes) add(code, false);
        }}
        label={t('settings.strategic.addOccupation')}
        help={t('settings.strategic.addOccupationHelp')}
        disabled={disabled}
      />
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </fieldset>
  );
}
