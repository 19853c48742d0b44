import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGE_BANDS, COMPLETIONS, GENDERS, STUDY_FORMS } from '../../core/learners/follow-up.js';
import type { KpiRow, Measure } from '../../core/learners/kpi.js';
import type { LearnerView } from '../../modules/learners/learners.service.js';
import type { VisitImportReport } from '../../modules/learners/visits-import.service.js';
import { AccessError } from '../account/access.js';
import { apiGet, type Json } from '../api.js';
import { bytesToBase64 } from '../components/base64.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { OccupationPicker } from '../components/occupation-picker.js';
import { occupationSearchQuery } from '../components/occupation-picker-helpers.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { formatInteger } from '../format.js';
import { useLanguage } from '../i18n.js';
import { apiSend, municipalitiesQuery } from './api.js';

/**
 * The centre staff's learners (issue 14): record a learner with consent, mark completion, hand over or delete a
 * learner's data; the centre's KPIs for a year with visit counts and costs, and the grant report downloads.
 * Cards, not tables, for the learners (390 px); the KPI table scrolls inside its own box.
 */

type LearnerJson = Json<LearnerView>;
interface LearnersJson {
  learners: LearnerJson[];
  consentText: string;
  consentVersion: string;
}

const learnersKey = (centreId: string) => ['learners', centreId];
const kpiKey = (centreId: string, year: number) => ['learner-kpis', centreId, year];
const centrePath = (centreId: string) => `/api/learning-centres/${encodeURIComponent(centreId)}`;

export function LearnersSection({ centreId }: { centreId: string }) {
  const { t } = useTranslation('centres');
  const ids = useId();
  const data = useQuery({
    queryKey: learnersKey(centreId),
    queryFn: ({ signal }) => apiGet<LearnersJson>(`${centrePath(centreId)}/learners`, { signal }),
  });
  return (
    <section aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{t('learners.title')}</h2>
      <p className="hint">{t('learners.lead')}</p>
      <p>
        <Link to="/larcentrum/installningar" search={{ centrum: centreId }}>
          {t('learnerSettings.link')}
        </Link>
      </p>
      {data.isPending && <Loading />}
      {data.isError && <AccessError error={data.error} onRetry={() => void data.refetch()} />}
      {data.data && data.data.learners.length === 0 && <p>{t('learners.none')}</p>}
      {data.data?.learners.map((l) => (
        <LearnerCard key={l.id} learner={l} centreId={centreId} />
      ))}
      {data.data && <LearnerForm centreId={centreId} consentText={data.data.consentText} />}
    </section>
  );
}

function LearnerCard({ learner, centreId }: { learner: LearnerJson; centreId: string }) {
  const { t } = useTranslation('centres');
  const queryClient = useQueryClient();
  const ids = useId();
  const [completion, setCompletion] = useState(learner.completion);
  const [date, setDate] = useState(learner.completionDate ?? new Date().toISOString().slice(0, 10));
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: learnersKey(centreId) });
    void queryClient.invalidateQueries({ queryKey: ['learner-kpis', centreId] });
  };
  const change = useMutation({
    mutationFn: () =>
      apiSend('PATCH', `/api/learners/${encodeURIComponent(learner.id)}`, {
        version: learner.version,
        completion,
        ...(completion === 'ongoing' ? { completionDate: null } : { completionDate: date }),
      }),
    onSettled: refresh,
  });
  const withdraw = useMutation({
    mutationFn: () => apiSend('DELETE', `/api/learners/${encodeURIComponent(learner.id)}/consent`),
    onSettled: refresh,
  });
  const onSave = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  const survey = learner.survey;
  // Occupation names by code (the same cached search the picker uses), the code alone until it answers.
  const names = useQueries({
    queries: learner.occupations.map((code) => ({
      ...occupationSearchQuery(code, 1),
      placeholderData: undefined,
    })),
  });
  const occupationNames = learner.occupations.map(
    (code, i) => names[i]?.data?.results.find((r) => r.ssyk === code)?.label ?? code,
  );
  return (
    <article className="area-card learner-card" aria-labelledby={`${ids}-name`} data-learner={learner.id}>
      <h3 id={`${ids}-name`}>{learner.name ?? t('learners.anonymised')}</h3>
      <dl className="booking-facts">
        <dt>{t('learners.programme')}</dt>
        <dd>
          {learner.programme} ({t(`learners.forms.${learner.studyForm as (typeof STUDY_FORMS)[number]}`)},{' '}
          {learner.provider})
        </dd>
        <dt>{t('learners.occupations')}</dt>
        <dd>{occupationNames.join('; ') || '–'}</dd>
        <dt>{t('learners.start')}</dt>
        <dd>{learner.startDate}</dd>
        <dt>{t('learners.consent')}</dt>
        <dd>{learner.consent.at.slice(0, 10)}</dd>
        <dt>{t('learners.survey')}</dt>
        <dd>
          {!survey
            ? t('learners.surveyNotSent')
            : survey.answeredAt
              ? t('learners.surveyAnswered', { date: survey.answeredAt.slice(0, 10) })
              : t('learners.surveySent', { date: survey.sentAt.slice(0, 10) })}
        </dd>
      </dl>
      <form className="account-form" onSubmit={onSave}>
        <p className="field">
          <label htmlFor={`${ids}-completion`}>{t('learners.completion')}</label>
          <select id={`${ids}-completion`} value={completion} onChange={(e) => setCompletion(e.target.value)}>
            {COMPLETIONS.map((c) => (
              <option key={c} value={c}>
                {t(`learners.completions.${c}`)}
              </option>
            ))}
          </select>
        </p>
        {completion !== 'ongoing' && (
          <p className="field">
            <label htmlFor={`${ids}-date`}>{t('learners.completionDate')}</label>
            <input id={`${ids}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </p>
        )}
        {change.isError && <ErrorNotice error={change.error} />}
        <button type="submit" className="button" disabled={change.isPending}>
          {t('learners.save')}
        </button>
      </form>
      <p className="learner-actions">
        <a
          className="button"
          href={`/api/learners/${encodeURIComponent(learner.id)}/export`}
          download={`deltagare-${learner.id}.json`}
        >
          {t('learners.export')}
        </a>{' '}
        {!confirmWithdraw ? (
          <button type="button" className="button" onClick={() => setConfirmWithdraw(true)}>
            {t('learners.withdraw')}
          </button>
        ) : (
          <button type="button" className="button button-danger" onClick={() => withdraw.mutate()}>
            {t('learners.withdrawConfirm')}
          </button>
        )}
      </p>
      {withdraw.isError && <ErrorNotice error={withdraw.error} />}
    </article>
  );
}

function LearnerForm({ centreId, consentText }: { centreId: string; consentText: string }) {
  const { t } = useTranslation('centres');
  const ids = useId();
  const queryClient = useQueryClient();
  const municipalities = useQuery(municipalitiesQuery);
  const empty = {
    name: '',
    email: '',
    studyForm: 'komvux',
    programme: '',
    provider: '',
    startDate: new Date().toISOString().slice(0, 10),
    homeMunicipality: '',
    gender: 'unspecified',
    ageBand: '25-34',
  };
  const [form, setForm] = useState(empty);
  const [occupations, setOccupations] = useState<string[]>([]);
  const [consent, setConsent] = useState(false);
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const create = useMutation({
    mutationFn: () =>
      apiSend('POST', `${centrePath(centreId)}/learners`, {
        ...form,
        email: form.email.trim() || null,
        occupations,
        consent,
      }),
    onSuccess: () => {
      setForm(empty);
      setOccupations([]);
      setConsent(false);
      void queryClient.invalidateQueries({ queryKey: learnersKey(centreId) });
      void queryClient.invalidateQueries({ queryKey: ['learner-kpis', centreId] });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const text = (key: keyof typeof empty, label: string, type = 'text', required = true) => (
    <p className="field">
      <label htmlFor={`${ids}-${key}`}>{label}</label>
      <input
        id={`${ids}-${key}`}
        type={type}
        value={form[key]}
        onChange={set(key)}
        required={required}
        autoComplete="off"
      />
    </p>
  );
  const select = (key: keyof typeof empty, label: string, options: readonly string[], prefix: string) => (
    <p className="field">
      <label htmlFor={`${ids}-${key}`}>{label}</label>
      <select id={`${ids}-${key}`} value={form[key]} onChange={set(key)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {t(`${prefix}.${o}` as 'learners.title')}
          </option>
        ))}
      </select>
    </p>
  );
  return (
    <form className="account-form panel" onSubmit={onSubmit} aria-labelledby={`${ids}-form`}>
      <h3 id={`${ids}-form`}>{t('learners.new')}</h3>
      {text('name', t('learners.name'))}
      {text('email', `${t('learners.email')} ${t('booking.optional')}`, 'email', false)}
      {select('studyForm', t('learners.studyForm'), STUDY_FORMS, 'learners.forms')}
      {text('programme', t('learners.programme'))}
      <OccupationPicker name="learner-ssyk" value={occupations} onChange={setOccupations} max={10} />
      {text('provider', t('learners.provider'))}
      {text('startDate', t('learners.start'), 'date')}
      <p className="field">
        <label htmlFor={`${ids}-home`}>{t('learners.home')}</label>
        <select id={`${ids}-home`} value={form.homeMunicipality} onChange={set('homeMunicipality')} required>
          <option value="">{t('booking.choose')}</option>
          {municipalities.data?.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
        </select>
      </p>
      {select('gender', t('learners.gender'), GENDERS, 'learners.genders')}
      {select('ageBand', t('learners.ageBand'), AGE_BANDS, 'learners.ageBands')}
      <fieldset>
        <legend>{t('learners.consentLegend')}</legend>
        <p className="hint" lang="sv">
          {consentText}
        </p>
        <p className="choice">
          <input
            id={`${ids}-consent`}
            type="checkbox"
            checked={consent}
            onChange={(e) => setConsent(e.target.checked)}
          />
          <label htmlFor={`${ids}-consent`}>{t('learners.consentGiven')}</label>
        </p>
      </fieldset>
      {create.isError && <ErrorNotice error={create.error} />}
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {t('learners.add')}
      </button>
    </form>
  );
}

interface KpiJson {
  year: number;
  rows: Array<Json<KpiRow>>;
  examsInvigilated: number | null;
  suppressed: boolean;
  priorityListAvailable: boolean;
  priorityList: { year: number; version: number } | null;
}

const SHOWN: Measure[] = [
  'learners',
  'newLearners',
  'completions',
  'droppedOut',
  'employedAfter',
  'stayedHome',
  'priorityLearners',
  'visits',
];

/** The centre's KPIs of a year, visit counts and costs to enter, and the grant report to download. */
export function KpiSection({ centreId }: { centreId: string }) {
  const { t } = useTranslation('centres');
  const ids = useId();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const nf = new Intl.NumberFormat('sv-SE');
  const pf = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 0 });
  const kpis = useQuery({
    queryKey: kpiKey(centreId, year),
    queryFn: ({ signal }) => apiGet<KpiJson>(`${centrePath(centreId)}/learner-kpis?year=${year}`, { signal }),
  });
  const show = (v: number | null) => (v === null ? t('learners.suppressed') : nf.format(v));
  const group = (r: Json<KpiRow>) =>
    r.dimension === 'total'
      ? t('learners.total')
      : r.dimension === 'gender'
        ? t(`learners.genders.${r.value as (typeof GENDERS)[number]}`)
        : t(`learners.ageBands.${r.value as (typeof AGE_BANDS)[number]}`);
  return (
    <section aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{t('kpi.title')}</h2>
      <p className="account-form">
        <label htmlFor={`${ids}-year`}>{t('kpi.year')}</label>
        <select id={`${ids}-year`} value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {[thisYear, thisYear - 1, thisYear - 2].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </p>
      {kpis.isPending && <Loading />}
      {kpis.isError && <AccessError error={kpis.error} onRetry={() => void kpis.refetch()} />}
      {kpis.data && (
        <>
          <p>
            {t('kpi.exams', { count: kpis.data.examsInvigilated ?? 0 })}{' '}
            {kpis.data.priorityList ? t('kpi.priorityList', kpis.data.priorityList) : t('kpi.noPriorityList')}
          </p>
          <ScrollRegion label={t('kpi.caption', { year })}>
            <table data-testid="learner-kpis">
              <caption>{t('kpi.caption', { year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('kpi.group')}</th>
                  {SHOWN.map((m) => (
                    <th key={m} scope="col">
                      {t(`kpi.measures.${m}` as 'kpi.title')}
                    </th>
                  ))}
                  <th scope="col">{t('kpi.priorityShare')}</th>
                </tr>
              </thead>
              <tbody>
                {kpis.data.rows.map((r) => (
                  <tr key={`${r.dimension}-${r.value}`}>
                    <th scope="row">{group(r)}</th>
                    {SHOWN.map((m) => (
                      <td key={m}>{show(r.measures[m])}</td>
                    ))}
                    <td>{r.shares.priority === null ? '–' : pf.format(r.shares.priority)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      <VisitsForm centreId={centreId} year={year} />
      <VisitsFileForm centreId={centreId} year={year} />
      <CostsForm centreId={centreId} year={year} />
      <h3>{t('kpi.report')}</h3>
      <p className="hint">{t('kpi.reportHint')}</p>
      <p className="learner-actions">
        <a className="button" href={`${centrePath(centreId)}/grant-report?year=${year}&format=xlsx`}>
          {t('kpi.xlsx')}
        </a>{' '}
        <a className="button" href={`${centrePath(centreId)}/grant-report?year=${year}&format=pdf`}>
          {t('kpi.pdf')}
        </a>
      </p>
    </section>
  );
}

function VisitsForm({ centreId, year }: { centreId: string; year: number }) {
  const { t } = useTranslation('centres');
  const ids = useId();
  const queryClient = useQueryClient();
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const [visits, setVisits] = useState('');
  const save = useMutation({
    mutationFn: () =>
      apiSend('PUT', `${centrePath(centreId)}/visits`, {
        source: 'entered',
        rows: [{ month, visits: Number(visits) }],
      }),
    onSuccess: () => {
      setVisits('');
      void queryClient.invalidateQueries({ queryKey: kpiKey(centreId, year) });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (visits !== '') save.mutate();
  };
  return (
    <form className="account-form panel" onSubmit={onSubmit} aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>{t('kpi.visitsTitle')}</h3>
      <p className="hint">{t('kpi.visitsHint')}</p>
      <p className="field">
        <label htmlFor={`${ids}-month`}>{t('kpi.month')}</label>
        <input
          id={`${ids}-month`}
          type="month"
          value={month}
          onChange={(e) => setMonth(e.target.value)}
          required
        />
      </p>
      <p className="field">
        <label htmlFor={`${ids}-visits`}>{t('kpi.visits')}</label>
        <input
          id={`${ids}-visits`}
          type="number"
          inputMode="numeric"
          min={0}
          value={visits}
          onChange={(e) => setVisits(e.target.value)}
          required
        />
      </p>
      {save.isError && <ErrorNotice error={save.error} />}
      {save.isSuccess && <p role="status">{t('kpi.saved')}</p>}
      <button type="submit" className="button" disabled={save.isPending}>
        {t('kpi.saveVisits')}
      </button>
    </form>
  );
}

type VisitImportJson = Json<VisitImportReport>;

/**
 * Visit counts from the centre's own counting sheet (CSV or XLSX): choosing the file checks it on the server (a
 * preview writes nothing) and lists every problem by row and column; a clean file is then saved in one go.
 */
function VisitsFileForm({ centreId, year }: { centreId: string; year: number }) {
  const { t } = useTranslation('centres');
  const language = useLanguage();
  const ids = useId();
  const queryClient = useQueryClient();
  const [upload, setUpload] = useState<{ file: string; content: string } | null>(null);
  const send = useMutation({
    mutationFn: (body: { file: string; content: string; dryRun: boolean }) =>
      apiSend<VisitImportJson>('POST', `${centrePath(centreId)}/visits/import`, body),
    onSuccess: (report) => {
      if (report.written) void queryClient.invalidateQueries({ queryKey: kpiKey(centreId, year) });
    },
  });
  const choose = async (input: HTMLInputElement) => {
    const picked = input.files?.[0];
    send.reset();
    if (!picked) return setUpload(null);
    const next = { file: picked.name, content: bytesToBase64(new Uint8Array(await picked.arrayBuffer())) };
    setUpload(next);
    send.mutate({ ...next, dryRun: true });
  };
  const report = send.data;
  const counts = report && {
    file: report.file,
    rows: formatInteger(report.counts.rows, language),
    visits: formatInteger(report.counts.visits, language),
  };
  return (
    <form
      className="account-form panel"
      aria-labelledby={`${ids}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (upload && report?.accepted && !report.written) send.mutate({ ...upload, dryRun: false });
      }}
    >
      <h3 id={`${ids}-h`}>{t('kpi.visitsFileTitle')}</h3>
      <p className="hint" id={`${ids}-hint`}>
        {t('kpi.visitsFileHint')}
      </p>
      <p className="field">
        <label htmlFor={`${ids}-file`}>{t('kpi.visitsFile')}</label>
        <input
          id={`${ids}-file`}
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={`${ids}-hint`}
          onChange={(e) => void choose(e.currentTarget)}
          disabled={send.isPending}
        />
      </p>
      <div aria-live="polite">
        {send.isPending && <p>{t('kpi.visitsFileChecking')}</p>}
        {report?.written && counts && <p role="status">{t('kpi.visitsFileDone', counts)}</p>}
        {report && !report.written && report.accepted && counts && <p>{t('kpi.visitsFileCounts', counts)}</p>}
      </div>
      {report && report.problems.length > 0 && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">{t('kpi.visitsFileProblems', { count: report.problems.length })}</p>
          <ul>
            {report.problems.map((p) => (
              <li key={`${p.row ?? ''}|${p.column ?? ''}|${p.message}`}>
                <strong>
                  {[
                    p.file,
                    p.row === undefined ? null : t('kpi.visitsFileWhere', { row: p.row }),
                    p.column === undefined ? null : t('kpi.visitsFileColumn', { column: p.column }),
                  ]
                    .filter(Boolean)
                    .join(', ')}
                </strong>
                : <span lang="sv">{p.message}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {send.isError && <ErrorNotice error={send.error} />}
      {report?.accepted && !report.written && (
        <button type="submit" className="button" disabled={send.isPending}>
          {t('kpi.visitsFileImport')}
        </button>
      )}
    </form>
  );
}

const COST_CATEGORIES = ['staff', 'premises', 'equipment', 'activities', 'other'] as const;

function CostsForm({ centreId, year }: { centreId: string; year: number }) {
  const { t } = useTranslation('centres');
  const ids = useId();
  const costs = useQuery({
    queryKey: ['grant-costs', centreId, year],
    queryFn: ({ signal }) =>
      apiGet<{ costs: Array<{ category: string; amountSek: number }> }>(
        `${centrePath(centreId)}/grant-costs?year=${year}`,
        { signal },
      ),
  });
  const [values, setValues] = useState<Record<string, string>>({});
  const current = (c: string) =>
    values[c] ?? String(costs.data?.costs.find((k) => k.category === c)?.amountSek ?? '');
  const save = useMutation({
    mutationFn: () =>
      apiSend('PUT', `${centrePath(centreId)}/grant-costs`, {
        year,
        costs: COST_CATEGORIES.filter((c) => current(c) !== '').map((c) => ({
          category: c,
          amountSek: Number(current(c)),
        })),
      }),
    onSuccess: () => void costs.refetch(),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="account-form panel" onSubmit={onSubmit} aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>{t('kpi.costsTitle', { year })}</h3>
      {costs.isError && <AccessError error={costs.error} onRetry={() => void costs.refetch()} />}
      {COST_CATEGORIES.map((c) => (
        <p className="field" key={c}>
          <label htmlFor={`${ids}-${c}`}>{t(`kpi.costs.${c}`)}</label>
          <input
            id={`${ids}-${c}`}
            type="number"
            inputMode="numeric"
            min={0}
            value={current(c)}
            onChange={(e) => setValues({ ...values, [c]: e.target.value })}
          />
        </p>
      ))}
      {save.isError && <ErrorNotice error={save.error} />}
      {save.isSuccess && <p role="status">{t('kpi.saved')}</p>}
      <button type="submit" className="button" disabled={save.isPending}>
        {t('kpi.saveCosts')}
      </button>
    </form>
  );
}
