import './needs.css';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ChangeEvent, type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { IMPORT_FIELDS, REQUIRED_FIELDS } from '../../core/cases/needs-import-fields.js';
import type { importResultSchema } from '../../modules/employer-needs/employer-needs.routes.js';
import { RequireAccess } from '../account/access.js';
import { apiSend } from '../account/api.js';
import { bytesToBase64 } from '../components/base64.js';
import { ErrorNotice } from '../components/error-notice.js';
import { OccupationPicker } from '../components/occupation-picker.js';
import { usePageTitle } from '../components/page-title.js';
import { formatInteger } from '../format.js';
import { useLanguage } from '../i18n.js';
import { CHANNELS, DIFFICULTIES, HORIZONS } from './api.js';

type ImportResult = z.infer<typeof importResultSchema>;
type Mapping = ImportResult['mapping'];

const FIELDS = IMPORT_FIELDS;
const REQUIRED = new Set<string>(REQUIRED_FIELDS);

/**
 * `/maklare/import`: the brokers' existing sheets into Semafor. Upload (XLSX/CSV) → the column mapping (proposed
 * from the headers, every field a labelled select) → a check of every row and the review of ambiguous or unknown
 * titles (the candidates as radio buttons, any other occupation through the picker) → confirm. The server writes
 * nothing before the confirmation, and then all rows or none.
 */
export function ImportPage() {
  const { t } = useTranslation('needs');
  usePageTitle(t('import.title'));
  return (
    <>
      <h1>{t('import.title')}</h1>
      <RequireAccess roles={['admin', 'strateg', 'kompetensmaklare']}>
        {(_me, regions) => <ImportFlow regionId={regions[0] as string} />}
      </RequireAccess>
    </>
  );
}

function ImportFlow({ regionId }: { regionId: string }) {
  const { t } = useTranslation('needs');
  const language = useLanguage();
  const ids = useId();
  const [file, setFile] = useState<{ name: string; content: string; size: number } | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [choices, setChoices] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<ImportResult | null>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);

  const send = useMutation({
    mutationFn: (body: { mapping?: Mapping; dryRun: boolean; content: string; fileName: string }) =>
      apiSend<ImportResult>('POST', '/api/employer-needs/import', { region: regionId, ...body }),
    onSuccess: (answer) => {
      setResult(answer);
      if (!mapping || answer.mappingProposed) setMapping(answer.mapping);
      // Move focus to the new step so keyboard and screen-reader users land on it.
      requestAnimationFrame(() => stepHeading.current?.focus());
    },
  });

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    setResult(null);
    setMapping(null);
    setChoices({});
    if (!chosen) {
      setFile(null);
      return;
    }
    setFile({
      name: chosen.name,
      content: bytesToBase64(new Uint8Array(await chosen.arrayBuffer())),
      size: chosen.size,
    });
  };

  const withChoices = (m: Mapping): Mapping => {
    const titles: Record<string, string> = { ...(m.titles ?? {}) };
    for (const [title, codes] of Object.entries(choices))
      if (codes.length > 0) titles[title] = codes.join(',');
    return { ...m, titles };
  };

  const readFile = (event: FormEvent) => {
    event.preventDefault();
    if (file) send.mutate({ fileName: file.name, content: file.content, dryRun: true });
  };
  const check = (event: FormEvent) => {
    event.preventDefault();
    if (file && mapping)
      send.mutate({
        fileName: file.name,
        content: file.content,
        dryRun: true,
        mapping: withChoices(mapping),
      });
  };
  const confirm = () => {
    if (file && mapping)
      send.mutate({
        fileName: file.name,
        content: file.content,
        dryRun: false,
        mapping: withChoices(mapping),
      });
  };

  const imported = result?.status === 'imported';
  return (
    <>
      <p className="lead">{t('import.lead')}</p>
      <form className="needs-form" onSubmit={readFile}>
        <h2>{t('import.step1')}</h2>
        <div>
          <label htmlFor={`${ids}-file`}>{t('import.file')}</label>
          <input
            id={`${ids}-file`}
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={`${ids}-file-help`}
            onChange={(e) => void pick(e)}
          />
          <p id={`${ids}-file-help`} className="hint">
            {t('import.fileHelp')}
          </p>
        </div>
        <p>
          <button type="submit" className="button button-primary" disabled={!file || send.isPending}>
            {t('import.read')}
          </button>
        </p>
      </form>

      {send.isPending && (
        <div role="status" className="import-progress">
          <progress aria-label={t('import.working')} /> {t('import.working')}
          {file ? ` (${formatInteger(Math.round(file.size / 1024), language)} kB)` : ''}
        </div>
      )}
      {send.isError && <ErrorNotice error={send.error} />}

      {result && mapping && !imported && (
        <form className="needs-form" onSubmit={check} aria-labelledby={`${ids}-mapping`}>
          <h2 id={`${ids}-mapping`} tabIndex={-1} ref={stepHeading}>
            {t('import.step2')}
          </h2>
          <p>
            {result.mappingProposed ? t('import.proposed', { file: result.file }) : t('import.mappingUsed')}{' '}
            {t('import.rows', { count: result.rows })}
          </p>
          <MappingFields headers={result.headers} mapping={mapping} onChange={(m) => setMapping(m)} />
          <p>
            <button type="submit" className="button" disabled={send.isPending}>
              {t('import.check')}
            </button>
          </p>
        </form>
      )}

      {result && !result.mappingProposed && !imported && (
        <section aria-labelledby={`${ids}-check`}>
          <h2 id={`${ids}-check`}>{t('import.step3')}</h2>
          {result.errorCount > 0 && <Issues result={result} />}
          {result.review.length > 0 && (
            <form className="needs-form" onSubmit={check}>
              <p>{t('import.reviewLead', { count: result.review.length })}</p>
              {result.review.map((r) => (
                <TitleChoice
                  key={r.title}
                  review={r}
                  value={choices[r.title] ?? []}
                  onChange={(codes) => setChoices((c) => ({ ...c, [r.title]: codes }))}
                />
              ))}
              <p>
                <button type="submit" className="button" disabled={send.isPending}>
                  {t('import.checkAgain')}
                </button>
              </p>
            </form>
          )}
          {result.status === 'ready' && result.summary && (
            <div className="panel" data-testid="import-ready">
              <p>
                {t('import.ready', {
                  needs: formatInteger(result.summary.needs, language),
                  people: formatInteger(result.summary.people, language),
                  fresh: formatInteger(result.summary.employersNew, language),
                  existing: formatInteger(result.summary.employersExisting, language),
                })}
              </p>
              <p>
                <button
                  type="button"
                  className="button button-primary"
                  disabled={send.isPending}
                  onClick={confirm}
                >
                  {t('import.confirm')}
                </button>
              </p>
            </div>
          )}
        </section>
      )}

      {imported && result.summary && (
        <section aria-labelledby={`${ids}-done`} className="panel" data-testid="import-done">
          <h2 id={`${ids}-done`} tabIndex={-1} ref={stepHeading}>
            {t('import.doneHeading')}
          </h2>
          <p role="status">
            {t('import.done', {
              needs: formatInteger(result.summary.needs, language),
              fresh: formatInteger(result.summary.employersNew, language),
              existing: formatInteger(result.summary.employersExisting, language),
            })}
          </p>
          <p>
            <Link to="/maklare">{t('case.back')}</Link>
          </p>
        </section>
      )}
    </>
  );
}

function MappingFields({
  headers,
  mapping,
  onChange,
}: {
  headers: string[];
  mapping: Mapping;
  onChange: (m: Mapping) => void;
}) {
  const { t } = useTranslation('needs');
  const ids = useId();
  const columns = mapping.columns as Record<string, string | undefined>;
  const setColumn = (field: string, header: string) => {
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries(columns)) if (v && k !== field) next[k] = v;
    if (header) next[field] = header;
    onChange({ ...mapping, columns: next as Mapping['columns'] });
  };
  const defaults = mapping.defaults ?? {};
  const setDefault = (key: 'horizon' | 'difficulty' | 'channel', value: string) =>
    onChange({ ...mapping, defaults: { ...defaults, [key]: value } as Mapping['defaults'] });
  return (
    <>
      <fieldset>
        <legend>{t('import.columns')}</legend>
        {FIELDS.map((field) => (
          <div key={field}>
            <label htmlFor={`${ids}-${field}`}>
              {t(`import.field.${field}`)}
              {REQUIRED.has(field) ? ` (${t('import.required')})` : ''}
            </label>
            <select
              id={`${ids}-${field}`}
              value={columns[field] ?? ''}
              required={REQUIRED.has(field)}
              onChange={(e) => setColumn(field, e.target.value)}
            >
              <option value="">{t('import.noColumn')}</option>
              {headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('import.defaults')}</legend>
        <div>
          <label htmlFor={`${ids}-d-horizon`}>{t('entry.horizon')}</label>
          <select
            id={`${ids}-d-horizon`}
            value={defaults.horizon ?? '1y'}
            onChange={(e) => setDefault('horizon', e.target.value)}
          >
            {HORIZONS.map((h) => (
              <option key={h} value={h}>
                {t(`horizon.${h}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${ids}-d-difficulty`}>{t('entry.difficulty')}</label>
          <select
            id={`${ids}-d-difficulty`}
            value={defaults.difficulty ?? 'other'}
            onChange={(e) => setDefault('difficulty', e.target.value)}
          >
            {DIFFICULTIES.map((d) => (
              <option key={d} value={d}>
                {t(`difficulty.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${ids}-d-channel`}>{t('entry.channel')}</label>
          <select
            id={`${ids}-d-channel`}
            value={defaults.channel ?? 'other'}
            onChange={(e) => setDefault('channel', e.target.value)}
          >
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
    </>
  );
}

function Issues({ result }: { result: ImportResult }) {
  const { t } = useTranslation('needs');
  return (
    <div className="notice notice-error" data-testid="import-errors">
      <p>{t('import.errors', { count: result.errorCount })}</p>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('import.row')}</th>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {result.errors.map((e) => (
              <tr key={`${e.row}-${e.column}-${e.message}`}>
                <td>{e.row}</td>
                <td>{e.column}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function TitleChoice({
  review,
  value,
  onChange,
}: {
  review: ImportResult['review'][number];
  value: string[];
  onChange: (codes: string[]) => void;
}) {
  const { t } = useTranslation('needs');
  const name = `title-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const chosen = value[0] ?? '';
  const fromCandidates = review.candidates.some((c) => c.ssyk === chosen);
  return (
    <fieldset data-title={review.title}>
      <legend>
        “{review.title}” ({review.status === 'ambiguous' ? t('import.ambiguous') : t('import.unknown')},{' '}
        {t('import.onRows', { rows: review.rows.join(', ') })})
      </legend>
      {review.candidates.map((c) => (
        <div key={c.ssyk} className="radio-row">
          <input
            type="radio"
            id={`${name}-${c.ssyk}`}
            name={name}
            value={c.ssyk}
            checked={chosen === c.ssyk}
            onChange={() => onChange([c.ssyk])}
          />{' '}
          <label htmlFor={`${name}-${c.ssyk}`}>
            {c.label} ({c.ssyk}) – {t('import.via', { name: c.matchedName })}
          </label>
        </div>
      ))}
      <OccupationPicker
        name={`${name}-other`}
        label={t('import.otherOccupation')}
        max={3}
        value={fromCandidates ? [] : value}
        onChange={(codes) => onChange(codes)}
      />
    </fieldset>
  );
}
