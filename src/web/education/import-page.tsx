import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../modules/education/offer-import.service.js';
import { RegionSelect, RequireAccess } from '../account/access.js';
import { apiSend, type MeJson } from '../account/api.js';
import { isApiError, type Json } from '../api.js';
import { bytesToBase64 } from '../components/base64.js';
import { ErrorNotice } from '../components/error-notice.js';
import { usePageTitle } from '../components/page-title.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { formatInteger } from '../format.js';
import { useLanguage } from '../i18n.js';

type ReportJson = Json<ImportReport>;

/** Roles that may import local offers (the server checks again: OFFER_WRITERS). */
const IMPORTERS = ['admin', 'strateg', 'utbildningsanordnare', 'kommun', 'larcentrum'] as const;

/** Where a problem is: "utbud.csv, rad 3, kolumn SSYK". */
function Where({ p }: { p: ReportJson['problems'][number] }) {
  const { t } = useTranslation('education');
  return (
    <strong>
      {[
        p.file,
        p.row === undefined ? null : t('import.row', { row: p.row }),
        p.column ? t('import.column', { column: p.column }) : null,
      ]
        .filter(Boolean)
        .join(', ')}
    </strong>
  );
}

/**
 * `/utbildning/import`: local offers from the template. Upload → preview (every problem by file, row and column;
 * ambiguous or unknown occupation titles to choose for) → confirm. Nothing is written before the confirmation,
 * and the server writes the whole file or nothing.
 */
export function EducationImportPage() {
  const { t } = useTranslation('education');
  usePageTitle(t('import.title'));
  return (
    <>
      <h1>{t('import.title')}</h1>
      <p>{t('import.intro')}</p>
      <p>
        {t('import.template')}{' '}
        <a href="/api/education/offers/template?format=xlsx" download>
          {t('import.templateXlsx')}
        </a>
        {' · '}
        <a href="/api/education/offers/template?format=csv" download>
          {t('import.templateCsv')}
        </a>
      </p>
      <RequireAccess roles={IMPORTERS}>
        {(me, regions) => <ImportForm me={me} regions={regions} />}
      </RequireAccess>
    </>
  );
}

function ImportForm({ me, regions }: { me: MeJson; regions: string[] }) {
  const { t } = useTranslation('education');
  const language = useLanguage();
  const [region, setRegion] = useState(regions[0] ?? '');
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [report, setReport] = useState<ReportJson | null>(null);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const send = async (dryRun: boolean, upload = file, resolutions = choices) => {
    if (!upload) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await apiSend<ReportJson>('POST', '/api/education/offers/import', {
        file: upload.name,
        content: upload.content,
        region,
        resolutions: Object.fromEntries(Object.entries(resolutions).filter(([, v]) => /^\d{4}$/.test(v))),
        dryRun,
      });
      setReport(answer);
    } catch (e) {
      // A refused confirmation carries the problems: show them like a preview.
      if (isApiError(e) && e.details && Array.isArray(e.details.problems) && report) {
        setReport({ ...report, accepted: false, problems: e.details.problems as ReportJson['problems'] });
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const choose = async (input: HTMLInputElement) => {
    const picked = input.files?.[0];
    setReport(null);
    setChoices({});
    if (!picked) return setFile(null);
    const upload = { name: picked.name, content: bytesToBase64(new Uint8Array(await picked.arrayBuffer())) };
    setFile(upload);
    await send(true, upload, {});
  };

  const unresolved = report?.review.filter((r) => !/^\d{4}$/.test(choices[r.title] ?? '')) ?? [];
  return (
    <>
      <RegionSelect me={me} regions={regions} value={region} onChange={setRegion} />
      <p className="field">
        <label htmlFor="offer-file">{t('import.file')}</label>
        <input
          id="offer-file"
          type="file"
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => void choose(e.currentTarget)}
          disabled={busy}
        />
      </p>
      {busy ? <p aria-live="polite">{t('import.checking')}</p> : null}
      {error && !(isApiError(error) && error.status === 400) ? <ErrorNotice error={error} /> : null}
      {report ? (
        <section aria-labelledby="import-preview" aria-live="polite">
          <h2 id="import-preview">{t('import.preview', { file: report.file })}</h2>
          {report.written ? (
            <p className="notice notice-info" role="status">
              {t('import.done', report.counts)}
            </p>
          ) : (
            <p>{t('import.counts', report.counts)}</p>
          )}
          {report.problems.length > 0 ? (
            <div className="notice notice-error" role="alert">
              <p className="notice-title">{t('import.problems', { count: report.problems.length })}</p>
              <ul>
                {report.problems.map((p) => (
                  <li key={`${p.row ?? ''}|${p.column ?? ''}|${p.message}`}>
                    <Where p={p} />: {p.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {report.review.length > 0 ? (
            <fieldset>
              <legend>{t('import.review', { count: report.review.length })}</legend>
              {report.review.map((r) => (
                <p className="field" key={r.title}>
                  <label htmlFor={`review-${r.row}`}>
                    {t('import.reviewTitle', { title: r.title, row: r.row })} (
                    {t(`import.status.${r.status}`)})
                  </label>
                  {r.candidates.length > 0 ? (
                    <select
                      id={`review-${r.row}`}
                      value={choices[r.title] ?? ''}
                      onChange={(e) => setChoices({ ...choices, [r.title]: e.target.value })}
                    >
                      <option value="">{t('import.choose')}</option>
                      {r.candidates.map((c) => (
                        <option key={c.ssyk} value={c.ssyk}>
                          {c.ssyk} {c.label} ({c.matchedName})
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      id={`review-${r.row}`}
                      inputMode="numeric"
                      pattern="\d{4}"
                      maxLength={4}
                      placeholder="SSYK"
                      value={choices[r.title] ?? ''}
                      onChange={(e) => setChoices({ ...choices, [r.title]: e.target.value.trim() })}
                    />
                  )}
                </p>
              ))}
              <button
                type="button"
                className="button"
                disabled={busy || unresolved.length > 0}
                onClick={() => void send(true)}
              >
                {t('import.checkAgain')}
              </button>
            </fieldset>
          ) : null}
          {report.rows.length > 0 ? (
            <ScrollRegion label={t('import.rowsLabel')}>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col" className="numeric">
                      {t('import.rowHeading')}
                    </th>
                    <th scope="col">{t('import.action')}</th>
                    <th scope="col">{t('import.name')}</th>
                    <th scope="col">{t('import.form')}</th>
                    <th scope="col">{t('import.place')}</th>
                    <th scope="col" className="numeric">
                      {t('import.places')}
                    </th>
                    <th scope="col">{t('import.occupations')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((r) => (
                    <tr key={r.row}>
                      <td className="numeric">{r.row}</td>
                      <td>{t(`import.actions.${r.action}`)}</td>
                      <th scope="row">
                        {r.name}
                        <div className="muted">{r.provider}</div>
                      </th>
                      <td>{r.formText}</td>
                      <td>
                        {[
                          r.municipality?.name ?? r.municipality?.code,
                          r.distance ? t('import.distance') : null,
                        ]
                          .filter(Boolean)
                          .join(', ')}
                      </td>
                      <td className="numeric">{formatInteger(r.places, language)}</td>
                      <td>
                        {r.occupations
                          .map((o) => `${o.name ?? o.ssyk} (${t(`import.via.${o.via}`)})`)
                          .join('; ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          ) : null}
          {!report.written ? (
            <p>
              <button
                type="button"
                className="button"
                disabled={busy || !report.accepted}
                onClick={() => void send(false)}
              >
                {t('import.confirm', { count: report.counts.create + report.counts.update })}
              </button>{' '}
              {!report.accepted ? <span className="muted">{t('import.notAccepted')}</span> : null}
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
