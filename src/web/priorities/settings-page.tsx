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

/**
 * `/prioriteringar/installningar`: the region's weights per score component and list size per band (strateg,
 * admin). Empty = the method's default. The save sends the version read (409 when someone saved in between) and is
 * audited by the server.
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

function SettingsForm({ settings, save }: { settings: SettingsJson; save: SaveMutation }) {
  const { t } = useTranslation('priorities');
  const language = useLanguage();
  const [weights, setWeights] = useState<Record<string, string>>(
    Object.fromEntries(COMPONENT_NAMES.map((n) => [n, asText(settings.weights[n], language)])),
  );
  const [listSize, setListSize] = useState(settings.listSize === null ? '' : String(settings.listSize));
  const [invalid, setInvalid] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed: Record<string, number> = {};
    for (const n of COMPONENT_NAMES) {
      const raw = (weights[n] ?? '').trim().replace(',', '.');
      if (raw === '') continue;
      const v = Number(raw);
      if (!(v >= 0 && v <= 1)) {
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
    setInvalid(null);
    save.reset();
    save.mutate({
      region: settings.regionId,
      version: settings.version,
      weights: parsed,
      listSize: size,
      strategic: settings.strategic,
    });
  };
  const conflict = isApiError(save.error) && save.error.status === 409;
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
      <button type="submit" className="button-primary" disabled={save.isPending}>
        {t('settings.save')}
      </button>
      <p role="status">
        {invalid &&
          t('settings.invalid', {
            what:
              invalid === 'listSize' ? t('settings.listSize') : t(`component.${invalid as ComponentName}`),
          })}
        {save.isSuccess && t('settings.saved')}
        {conflict && t('settings.conflict')}
      </p>
      {save.isError && !conflict && <ErrorNotice error={save.error} />}
    </form>
  );
}
