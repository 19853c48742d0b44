import { useTranslation } from 'react-i18next';

/** A polite loading message for screen readers and sighted users. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('loading')}
    </p>
  );
}
