import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessError } from '../account/access.js';
import { apiGet, isApiError } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { apiSend } from './api.js';

/** The service codes of the registry vocabulary (src/core/learning-centres/services.ts), in its order. */
const SERVICE_CODES = [
  'study_places',
  'group_rooms',
  'computers',
  'videoconference',
  'printing_scanning',
  'library_access',
  'exam_invigilation',
  'study_guidance',
  'language_support',
  'accessible_premises',
  'after_hours_access',
] as const;

interface Values {
  openingHours: string | null;
  openEvenings: boolean | null;
  openWeekends: boolean | null;
  contactEmail: string | null;
  streetAddress: string | null;
  postalCode: string | null;
  postalTown: string | null;
  services: string[];
}

export interface EditableJson {
  centreId: string;
  name: string;
  regionId: string;
  version: number;
  values: Values;
  edits: Array<{
    field: string;
    value: unknown;
    editedAt: string;
    conflict: { fileValue: unknown; at: string } | null;
  }>;
}

export const editableQuery = (centreId: string) => ({
  queryKey: ['learning-centre-editable', centreId],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    apiGet<EditableJson>(`/api/learning-centres/${encodeURIComponent(centreId)}/editable`, { signal }),
});

const tri = (v: boolean | null) => (v === null ? '' : v ? 'yes' : 'no');
const fromTri = (v: string) => (v === '' ? null : v === 'yes');
const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

/**
 * The centre's own registry entry (services, opening hours, contact, address), edited by its staff. The change
 * goes with the version read; an import of the registry file later keeps it (see docs/learning-centres.md).
 */
export function RegistryEditForm({ centreId }: { centreId: string }) {
  const { t } = useTranslation('centres');
  const { t: tl } = useTranslation('larcentra');
  const queryClient = useQueryClient();
  const ids = useId();
  const data = useQuery(editableQuery(centreId));
  const [form, setForm] = useState<Values | null>(null);
  useEffect(() => {
    if (data.data) setForm(data.data.values);
  }, [data.data]);
  const save = useMutation({
    mutationFn: (values: Values) =>
      apiSend<EditableJson>('PATCH', `/api/learning-centres/${encodeURIComponent(centreId)}`, {
        version: data.data?.version,
        ...values,
      }),
    onSuccess: (answer) => queryClient.setQueryData(editableQuery(centreId).queryKey, answer),
    onError: (error) => {
      if (isApiError(error) && error.status === 409) void data.refetch();
    },
  });
  if (data.isPending || !form) return <Loading />;
  if (data.isError) return <AccessError error={data.error} onRetry={() => void data.refetch()} />;
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setForm((f) => (f ? { ...f, [key]: value } : f));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      ...form,
      openingHours: orNull(form.openingHours ?? ''),
      contactEmail: orNull(form.contactEmail ?? ''),
      streetAddress: orNull(form.streetAddress ?? ''),
      postalCode: orNull(form.postalCode ?? ''),
      postalTown: orNull(form.postalTown ?? ''),
    });
  };
  const text = (
    key: 'openingHours' | 'contactEmail' | 'streetAddress' | 'postalCode' | 'postalTown',
    type = 'text',
  ) => (
    <p className="field">
      <label htmlFor={`${ids}-${key}`}>{t(`registry.${key}`)}</label>
      <input
        id={`${ids}-${key}`}
        type={type}
        value={form[key] ?? ''}
        onChange={(e) => set(key, e.target.value)}
      />
    </p>
  );
  const yesNo = (key: 'openEvenings' | 'openWeekends') => (
    <p className="field">
      <label htmlFor={`${ids}-${key}`}>{t(`registry.${key}`)}</label>
      <select id={`${ids}-${key}`} value={tri(form[key])} onChange={(e) => set(key, fromTri(e.target.value))}>
        <option value="">{t('registry.notStated')}</option>
        <option value="yes">{t('registry.yes')}</option>
        <option value="no">{t('registry.no')}</option>
      </select>
    </p>
  );
  return (
    <form className="account-form" onSubmit={onSubmit} aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{t('registry.title')}</h2>
      <p className="hint">{t('registry.lead')}</p>
      {text('openingHours')}
      {yesNo('openEvenings')}
      {yesNo('openWeekends')}
      {text('contactEmail', 'email')}
      {text('streetAddress')}
      {text('postalCode')}
      {text('postalTown')}
      <fieldset className="field">
        <legend>{t('registry.services')}</legend>
        {SERVICE_CODES.map((code) => (
          <label key={code} className="choice">
            <input
              type="checkbox"
              checked={form.services.includes(code)}
              onChange={(e) =>
                set(
                  'services',
                  e.target.checked ? [...form.services, code] : form.services.filter((s) => s !== code),
                )
              }
            />
            {tl(`services.${code}`)}
          </label>
        ))}
      </fieldset>
      {save.isError &&
        (isApiError(save.error) && save.error.status === 409 ? (
          <p className="notice notice-error" role="alert">
            {t('registry.conflict')}
          </p>
        ) : (
          <ErrorNotice error={save.error} />
        ))}
      {save.isSuccess && (
        <p className="notice notice-ok" role="status">
          {t('registry.saved')}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {t('registry.save')}
      </button>
    </form>
  );
}
