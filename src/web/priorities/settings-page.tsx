import '../account/account.css';
import './priorities.css';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
// Not method.js: it hashes with node:crypto when imported, which the browser lacks.
import {
  COMPONENT_NAMES,
  type ComponentName,
  P1_LIST_SIZE,
  P1_WEIGHTS,
} from '../../core/prioritisation/method-values.js';
import type { Language } from '../../i18n/languages.js';
import type { settingsSchema } from '../../modules/prioritisation/prioritisation.schemas.js';
import { RegionSelect, RequireAccess } from '../account/access.js';
import { apiSend } from '../account/api.js';
import { apiGet, isApiError } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { formatNumber } from '../format.js';
import { useLanguage } from '../i18n.js';
import { isOccupationKey, parseWeight } from './api.js';
import { type StrategicRow, StrategicWeights, useKeyLabels, weightText } from './strategic-weights.js';

/**
 * `/prioriteringar/installningar`: the region's weights per score component, list size per band and strategic
 * weights per occupational field or occupation (strateg, admin). Empty = the method's default. Everything is saved
 * together with the version read (409 when someone saved in between) and audited by the server.
 */

type SettingsJson = z.infer<typeof settingsSchema>;
const DECIDERS = ['admin', 'strateg'];

const settingsQuery = (region: string) =>
  queryOptions({
    queryKey: ['prioritisations', 'settings', region],
    queryFn: ({ signal }) =>
      apiGet<SettingsJson>(`/api/prioritisations/settings?region=${encodeURIComponent(region)}`, { signal }),
  });

export function SettingsPage() {
  const { t } = useTranslation('priorities');
  usePageTitle(t('settings.title'));
  return (
    <>
      <h1>{t('settings.title')}</h1>
      <RequireAccess roles={DECIDERS}>
        {(me, regions) => <RegionSettings me={me} regions={regions} />}
      </RequireAccess>
    </>
  );
}

function RegionSettings({
  me,
  regions,
}: {
  me: Parameters<typeof RegionSelect>[0]['me'];
  regions: string[];
}) {
  const [region, setRegion] = useState(regions[0] as string);
  const query = useQuery(settingsQuery(region));
  const queryClient = useQueryClient();
  // Held here, not in the form: a save bumps the version, which remounts the form (its key), and the saved or
  // conflict message must outlive that.
  const save = useMutation({
    mutationFn: (body: object) => apiSend<SettingsJson>('PUT', '/api/prioritisations/settings', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsQuery(saved.regionId).queryKey, saved);
    },
  });
  const changeRegion = (next: string) => {
    save.reset();
    setRegion(next);
  };
  return (
    <>
      <RegionSelect me={me} regions={regions} value={region} onChange={changeRegion} />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <SettingsForm key={`${region}-${query.data.version}`} settings={query.data} save={save} />
      )}
    </>
  );
}

/** A weight as typed in the user's language (`0,3` in Swedish): the field shows it and the parser accepts it. */
const asText = (v: number | null | undefined, language: Language) =>
  v === null || v === undefined ? '' : formatNumber(v, language, { maximumFractionDigits: 4 });

type SaveMutation = ReturnType<typeof useMutation<SettingsJson, Error, object>>;

/** Saved strategic weights as rows: fields first, then occupations, each in code order (stable across reloads). */
const strategicRows = (strategic: Record<string, number>, language: Language): StrategicRow[] =>
  Object.entries(strategic)
    .sort(
      ([a], [b]) => Number(isOccupationKey(a)) - Number(isOccupationKey(b)) || (a < b ? -1 : a > b ? 1 : 0),
    )
    .map(([key, v]) => ({ key, text: weightText(v, language) }));

function SettingsForm({ settings, save }: { settings: SettingsJson; save: SaveMutation }) {
  const { t } = useTranslation('priorities');
  const language = useLanguage();
  const [weights, setWeights] = useState<Record<string, string>>(
    Object.fromEntries(COMPONENT_NAMES.map((n) => [n, asText(settings.weights[n], language)])),
  );
  const [listSize, setListSize] = useState(settings.listSize === null ? '' : String(settings.listSize));
  const [strategic, setStrategic] = useState(() => strategicRows(settings.strategic, language));
  const labelOf = useKeyLabels(strategic.map((r) => r.key));
  // A component name, 'listSize', or `strategic:<key>` for a row of the strategic weights.
  const [invalid, setInvalid] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed: Record<string, number> = {};
    for (const n of COMPONENT_NAMES) {
      const raw = weights[n] ?? '';
      if (raw.trim() === '') continue;
      const v = parseWeight(raw);
      if (v === null) {
        setInvalid(n);
        return;
      }
      parsed[n] = v;
    }
    const size = listSize.trim() === '' ? null : Number(listSize);
    if (size !== null && !(Number.isInteger(size) && size >= 1 && size <= 100)) {
      setInvalid('listSize');
      return;
    }
    const strategicWeights: Record<string, number> = {};
    for (const row of strategic) {
      const v = parseWeight(row.text);
      if (v === null || labelOf(row.key).kind === 'unknown') {
        setInvalid(`strategic:${row.key}`);
        document.getElementById(`strategic-${row.key}-weight`)?.focus();
        return;
      }
      strategicWeights[row.key] = v;
    }
    setInvalid(null);
    save.reset();
    save.mutate({
      region: settings.regionId,
      version: settings.version,
      weights: parsed,
      listSize: size,
      strategic: strategicWeights,
    });
  };
  const conflict = isApiError(save.error) && save.error.status === 409;
  // The strategic component's weight as the form stands (typed or default) and its share of all weights: what a
  // strategic weight of 1 adds to the score at most (a little more when a component has no data in the draft).
  const componentWeight = (n: ComponentName) => parseWeight(weights[n] ?? '') ?? P1_WEIGHTS[n];
  const totalWeight = COMPONENT_NAMES.reduce((sum, n) => sum + componentWeight(n), 0);
  const strategicWeight = {
    weight: componentWeight('strategic'),
    share: totalWeight > 0 ? componentWeight('strategic') / totalWeight : 0,
  };
  const invalidStrategic = invalid?.startsWith('strategic:') ? invalid.slice('strategic:'.length) : null;
  return (
    <form className="account-form priority-settings" onSubmit={submit} noValidate>
      <p className="lead">{t('settings.lead')}</p>
      <fieldset className="field">
        <legend>{t('settings.weights')}</legend>
        {COMPONENT_NAMES.map((n) => (
          <p className="field" key={n}>
            <label htmlFor={`w-${n}`}>{t(`component.${n}`)}</label>
            <input
              id={`w-${n}`}
              type="text"
              inputMode="decimal"
              value={weights[n] ?? ''}
              aria-describedby={`w-${n}-hint`}
              aria-invalid={invalid === n || undefined}
              onChange={(e) => setWeights({ ...weights, [n]: e.target.value })}
            />
            <span id={`w-${n}-hint`} className="hint">
              {t('settings.weightHint', { value: asText(P1_WEIGHTS[n], language) })}
            </span>
          </p>
        ))}
      </fieldset>
      <p className="field">
        <label htmlFor="list-size">{t('settings.listSize')}</label>
        <input
          id="list-size"
          type="text"
          inputMode="numeric"
          value={listSize}
          aria-describedby="list-size-hint"
          aria-invalid={invalid === 'listSize' || undefined}
          onChange={(e) => setListSize(e.target.value)}
        />
        <span id="list-size-hint" className="hint">
          {t('settings.listSizeHint', { value: P1_LIST_SIZE })}
        </span>
      </p>
      <StrategicWeights
        rows={strategic}
        onChange={(rows) => {
          setStrategic(rows);
          if (invalidStrategic !== null && !rows.some((r) => r.key === invalidStrategic)) setInvalid(null);
        }}
        invalidKey={invalidStrategic}
        labelOf={labelOf}
        componentWeight={strategicWeight}
      />
      <button type="submit" className="button-primary" disabled={save.isPending}>
        {t('settings.save')}
      </button>
      <p role="status">
        {invalid &&
          (invalidStrategic !== null
            ? labelOf(invalidStrategic).kind === 'unknown'
              ? t('settings.strategic.unknownMessage', { key: invalidStrategic })
              : t('settings.strategic.invalidMessage', { name: labelOf(invalidStrategic).long })
            : t('settings.invalid', {
                what:
                  invalid === 'listSize'
                    ? t('settings.listSize')
                    : t(`component.${invalid as ComponentName}`),
              }))}
        {save.isSuccess && t('settings.saved')}
        {conflict && t('settings.conflict')}
      </p>
      {save.isError && !conflict && <ErrorNotice error={save.error} />}
    </form>
  );
}
