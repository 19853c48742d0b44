import './needs.css';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RequireAccess } from '../account/access.js';
import { apiSend, type MeJson } from '../account/api.js';
import { isApiError } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { OccupationPicker } from '../components/occupation-picker.js';
import { usePageTitle } from '../components/page-title.js';
import { compareText } from '../format.js';
import { useLanguage } from '../i18n.js';
import {
  CHANNELS,
  DIFFICULTIES,
  type EmployerJson,
  employerSearchQuery,
  HORIZONS,
  municipalitiesQuery,
  swedishToday,
} from './api.js';

/** `/maklare/ny`: quick entry of a need on a phone (one column at 390 px, native controls, labelled fields). */
export function EntryPage() {
  const { t } = useTranslation('needs');
  usePageTitle(t('entry.title'));
  return (
    <>
      <h1>{t('entry.title')}</h1>
      <RequireAccess roles={['admin', 'strateg', 'kompetensmaklare']}>
        {(me, regions) => <EntryForm me={me} regionId={regions[0] as string} />}
      </RequireAccess>
    </>
  );
}

interface NewEmployer {
  organisationNumber: string;
  name: string;
  municipalityCode: string;
  contactName: string;
  contactEmail: string;
}

function EntryForm({ regionId }: { me: MeJson; regionId: string }) {
  const { t } = useTranslation('needs');
  const language = useLanguage();
  const navigate = useNavigate();
  const ids = useId();
  const [employerQ, setEmployerQ] = useState('');
  const [employer, setEmployer] = useState<EmployerJson | null>(null);
  const [fresh, setFresh] = useState<NewEmployer>({
    organisationNumber: '',
    name: '',
    municipalityCode: '',
    contactName: '',
    contactEmail: '',
  });
  const [codes, setCodes] = useState<string[]>([]);
  const [count, setCount] = useState('1');
  const [horizon, setHorizon] = useState<string>('now');
  const [difficulty, setDifficulty] = useState<string>('no_applicants');
  const [channel, setChannel] = useState<string>('company_visit');
  const [date, setDate] = useState(swedishToday());
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const employers = useQuery({
    ...employerSearchQuery(employerQ.trim()),
    enabled: employerQ.trim().length >= 2,
  });
  const municipalities = useQuery(municipalitiesQuery);
  const regionMunicipalities = (municipalities.data?.geographies ?? [])
    .filter((m) => m.parentId === regionId)
    .sort((a, b) => compareText(language)(a.name, b.name));

  const save = useMutation({
    mutationFn: async () => {
      let employerId = employer?.id;
      if (!employerId) {
        const created = await apiSend<EmployerJson>('POST', '/api/employers', {
          organisationNumber: fresh.organisationNumber,
          name: fresh.name,
          municipalityCode: fresh.municipalityCode,
          contacts: fresh.contactName
            ? [{ name: fresh.contactName, email: fresh.contactEmail || null }]
            : undefined,
        }).catch((error: unknown) => {
          // The employer is already registered: use it.
          if (isApiError(error) && error.status === 409 && typeof error.details.id === 'string') {
            return { id: error.details.id } as EmployerJson;
          }
          throw error;
        });
        employerId = created.id;
      }
      return apiSend<{ caseId: string }>('POST', '/api/employer-needs', {
        employerId,
        ssyk: codes,
        count: Number(count),
        horizon,
        difficulty,
        channel,
        date,
        note: note || undefined,
      });
    },
    onSuccess: (created) => void navigate({ to: '/arenden/$id', params: { id: created.caseId } }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!employer && !(fresh.organisationNumber && fresh.name && fresh.municipalityCode)) {
      setProblem(t('entry.needEmployer'));
      return;
    }
    if (codes.length === 0) {
      setProblem(t('entry.needOccupation'));
      return;
    }
    save.mutate();
  };

  return (
    <form className="needs-form" onSubmit={submit} noValidate aria-describedby={`${ids}-lead`}>
      <p id={`${ids}-lead`} className="lead">
        {t('entry.lead')}
      </p>
      <fieldset>
        <legend>{t('dashboard.employer')}</legend>
        {employer ? (
          <p>
            <strong>{employer.name}</strong> ({employer.organisationNumber}){' '}
            <button type="button" className="button button-small" onClick={() => setEmployer(null)}>
              {t('entry.remove', { name: employer.name })}
            </button>
          </p>
        ) : (
          <>
            <label htmlFor={`${ids}-esearch`}>{t('entry.employerSearch')}</label>
            <input
              id={`${ids}-esearch`}
              type="search"
              value={employerQ}
              onChange={(e) => setEmployerQ(e.target.value)}
              autoComplete="off"
            />
            {employerQ.trim().length >= 2 && employers.data && (
              <ul className="hit-list" aria-label={t('entry.chooseEmployer')}>
                {employers.data.employers.length === 0 && <li>{t('entry.noEmployerHits')}</li>}
                {employers.data.employers.slice(0, 6).map((e) => (
                  <li key={e.id}>
                    <button type="button" className="button" onClick={() => setEmployer(e)}>
                      {e.name} ({e.organisationNumber})
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <details open={employerQ.trim().length >= 2 && employers.data?.employers.length === 0}>
              <summary>{t('entry.newEmployer')}</summary>
              <label htmlFor={`${ids}-org`}>{t('entry.orgNumber')}</label>
              <input
                id={`${ids}-org`}
                inputMode="numeric"
                aria-describedby={`${ids}-org-hint`}
                value={fresh.organisationNumber}
                onChange={(e) => setFresh({ ...fresh, organisationNumber: e.target.value })}
              />
              <p id={`${ids}-org-hint`} className="field-hint">
                {t('entry.orgNumberHint')}
              </p>
              <label htmlFor={`${ids}-name`}>{t('entry.name')}</label>
              <input
                id={`${ids}-name`}
                value={fresh.name}
                onChange={(e) => setFresh({ ...fresh, name: e.target.value })}
              />
              <label htmlFor={`${ids}-mun`}>{t('entry.municipality')}</label>
              <select
                id={`${ids}-mun`}
                value={fresh.municipalityCode}
                onChange={(e) => setFresh({ ...fresh, municipalityCode: e.target.value })}
              >
                <option value="" />
                {regionMunicipalities.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name}
                  </option>
                ))}
              </select>
              <label htmlFor={`${ids}-cname`}>{t('entry.contactName')}</label>
              <input
                id={`${ids}-cname`}
                autoComplete="off"
                value={fresh.contactName}
                onChange={(e) => setFresh({ ...fresh, contactName: e.target.value })}
              />
              <label htmlFor={`${ids}-cmail`}>{t('entry.contactEmail')}</label>
              <input
                id={`${ids}-cmail`}
                type="email"
                autoComplete="off"
                value={fresh.contactEmail}
                onChange={(e) => setFresh({ ...fresh, contactEmail: e.target.value })}
              />
            </details>
          </>
        )}
      </fieldset>

      <OccupationPicker
        name="ssyk"
        value={codes}
        onChange={setCodes}
        required
        error={problem === t('entry.needOccupation') ? problem : undefined}
      />

      <div>
        <label htmlFor={`${ids}-count`}>{t('entry.count')}</label>
        <input
          id={`${ids}-count`}
          type="number"
          inputMode="numeric"
          min={1}
          value={count}
          onChange={(e) => setCount(e.target.value)}
        />
      </div>
      <div>
        <label htmlFor={`${ids}-horizon`}>{t('entry.horizon')}</label>
        <select id={`${ids}-horizon`} value={horizon} onChange={(e) => setHorizon(e.target.value)}>
          {HORIZONS.map((h) => (
            <option key={h} value={h}>
              {t(`horizon.${h}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${ids}-difficulty`}>{t('entry.difficulty')}</label>
        <select id={`${ids}-difficulty`} value={difficulty} onChange={(e) => setDifficulty(e.target.value)}>
          {DIFFICULTIES.map((d) => (
            <option key={d} value={d}>
              {t(`difficulty.${d}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${ids}-channel`}>{t('entry.channel')}</label>
        <select id={`${ids}-channel`} value={channel} onChange={(e) => setChannel(e.target.value)}>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${ids}-date`}>{t('entry.date')}</label>
        <input
          id={`${ids}-date`}
          type="date"
          max={swedishToday()}
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
      </div>
      <div>
        <label htmlFor={`${ids}-note`}>{t('entry.note')}</label>
        <textarea id={`${ids}-note`} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {save.isError && <ErrorNotice error={save.error} />}
      <p>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? t('entry.saving') : t('entry.save')}
        </button>
      </p>
    </form>
  );
}
