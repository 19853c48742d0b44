import '../account/account.css';
import './centres.css';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LEARNER_SETTINGS, type LearnerSettings } from '../../core/learners/follow-up.js';
import { AccessError, RequireAccess } from '../account/access.js';
import { apiGet, isApiError } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { apiSend, staffCentres } from './api.js';
import { CentreSelect } from './centre-select.js';

/**
 * `/larcentrum/installningar`: a centre's learner settings (issue 14): when the follow-up survey is sent after
 * completion, how long its link is valid, and when name and e-mail are removed. Only the centre's staff may read
 * and change them (the API's policy: `larcentrum` of that centre). The save sends the version read (409 when
 * someone saved in between); the server audits it and checks the window again.
 */

type SettingsJson = LearnerSettings & { version: number | null };
type Field = keyof LearnerSettings;

/** The fields in the order shown, with the API's bounds (learners.routes.ts) and their unit. */
const FIELDS: ReadonlyArray<{ name: Field; min: number; max: number; unit: 'months' | 'days' }> = [
  { name: 'surveyAfterMonths', min: 1, max: 36, unit: 'months' },
  { name: 'surveyUntilMonths', min: 2, max: 48, unit: 'months' },
  { name: 'surveyLinkDays', min: 1, max: 90, unit: 'days' },
  { name: 'retentionMonths', min: 2, max: 120, unit: 'months' },
];

const settingsQuery = (centreId: string) =>
  queryOptions({
    queryKey: ['learner-settings', centreId],
    queryFn: ({ signal }) =>
      apiGet<SettingsJson>(`/api/learning-centres/${encodeURIComponent(centreId)}/learner-settings`, {
        signal,
      }),
  });

export function LearnerSettingsPage() {
  const { t } = useTranslation('centres');
  usePageTitle(t('learnerSettings.title'));
  const search = useSearch({ from: '/larcentrum/installningar' });
  const [chosen, setChosen] = useState<string | null>(search.centrum ?? null);
  return (
    <>
      <h1>{t('learnerSettings.title')}</h1>
      <RequireAccess roles={['larcentrum']}>
        {(me) => {
          const centres = staffCentres(me);
          const centre = centres.find((c) => c.id === chosen) ?? centres[0];
          if (!centre) return null;
          return (
            <>
              <CentreSelect centres={centres} value={centre.id} onChange={setChosen} />
              <p className="lead">{t('learnerSettings.lead', { centre: centre.name })}</p>
              <CentreSettings key={centre.id} centreId={centre.id} />
              <p>
                <Link to="/larcentrum">{t('learnerSettings.back')}</Link>
              </p>
            </>
          );
        }}
      </RequireAccess>
    </>
  );
}

function CentreSettings({ centreId }: { centreId: string }) {
  const query = useQuery(settingsQuery(centreId));
  const queryClient = useQueryClient();
  // Held here, not in the form: a save bumps the version, which remounts the form (its key), and the saved or
  // conflict message must outlive that.
  const save = useMutation({
    mutationFn: (body: object) =>
      apiSend<SettingsJson>(
        'PUT',
        `/api/learning-centres/${encodeURIComponent(centreId)}/learner-settings`,
        body,
      ),
    onSuccess: (saved) => queryClient.setQueryData(settingsQuery(centreId).queryKey, saved),
  });
  if (query.isPending) return <Loading />;
  if (query.isError) return <AccessError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <SettingsForm
      key={query.data.version ?? 'defaults'}
      settings={query.data}
      save={save}
      onReload={() => {
        save.reset();
        void query.refetch();
      }}
    />
  );
}

type SaveMutation = ReturnType<typeof useMutation<SettingsJson, Error, object>>;

function SettingsForm({
  settings,
  save,
  onReload,
}: {
  settings: SettingsJson;
  save: SaveMutation;
  onReload: () => void;
}) {
  const { t } = useTranslation('centres');
  const [values, setValues] = useState<Record<Field, string>>(
    () => Object.fromEntries(FIELDS.map((f) => [f.name, String(settings[f.name])])) as Record<Field, string>,
  );
  // A field out of its bounds, or the whole window when its parts do not fit together.
  const [invalid, setInvalid] = useState<Field | 'window' | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = {} as LearnerSettings;
    for (const f of FIELDS) {
      const raw = values[f.name].trim();
      const v = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
      if (!(v >= f.min && v <= f.max)) {
        setInvalid(f.name);
        return;
      }
      parsed[f.name] = v;
    }
    // The server's rule (learners.service putLearnerSettings), said before sending.
    if (
      parsed.surveyUntilMonths <= parsed.surveyAfterMonths ||
      parsed.retentionMonths < parsed.surveyUntilMonths
    ) {
      setInvalid('window');
      return;
    }
    setInvalid(null);
    save.reset();
    save.mutate({ ...parsed, version: settings.version });
  };
  const conflict = isApiError(save.error) && save.error.status === 409;
  const bounds = (f: (typeof FIELDS)[number]) => ({
    min: f.min,
    max: f.max,
    unit: t(`learnerSettings.${f.unit}`),
  });
  return (
    <form className="account-form learner-settings" onSubmit={submit} noValidate>
      {FIELDS.map((f) => (
        <p className="field" key={f.name}>
          <label htmlFor={`ls-${f.name}`}>{t(`learnerSettings.${f.name}`)}</label>
          <input
            id={`ls-${f.name}`}
            type="text"
            inputMode="numeric"
            value={values[f.name]}
            aria-describedby={`ls-${f.name}-hint`}
            aria-invalid={invalid === f.name || invalid === 'window' || undefined}
            onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
          />
          <span id={`ls-${f.name}-hint`} className="hint">
            {t('learnerSettings.hint', { value: DEFAULT_LEARNER_SETTINGS[f.name], ...bounds(f) })}
          </span>
        </p>
      ))}
      <button type="submit" className="button-primary" disabled={save.isPending}>
        {t('learnerSettings.save')}
      </button>
      <p role="status">
        {invalid === 'window' && t('learnerSettings.window')}
        {invalid &&
          invalid !== 'window' &&
          t('learnerSettings.invalid', {
            what: t(`learnerSettings.${invalid}`),
            ...bounds(FIELDS.find((f) => f.name === invalid) as (typeof FIELDS)[number]),
          })}
        {save.isSuccess && t('learnerSettings.saved')}
        {conflict && t('learnerSettings.conflict')}
      </p>
      {conflict && (
        <button type="button" className="button" onClick={onReload}>
          {t('learnerSettings.reload')}
        </button>
      )}
      {save.isError && !conflict && <ErrorNotice error={save.error} />}
    </form>
  );
}
