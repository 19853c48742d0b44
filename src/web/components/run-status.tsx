import { useTranslation } from 'react-i18next';

const ICONS: Record<string, string> = {
  succeeded: '✓',
  failed: '✕',
  running: '…',
  unchanged: '=',
  never: '–',
};
const KNOWN = new Set(['succeeded', 'failed', 'running', 'unchanged', 'never']);

/** An import run's status as text with an icon (never colour alone). `never` = no run yet. */
export function RunStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = KNOWN.has(status);
  const label = known
    ? t(`runStatus.${status as 'succeeded' | 'failed' | 'running' | 'unchanged' | 'never'}`)
    : t('runStatus.other', { status });
  return (
    <span className={`badge badge-${known ? status : 'other'}`}>
      <span aria-hidden="true" className="badge-icon">
        {ICONS[status] ?? '?'}
      </span>
      {label}
    </span>
  );
}
