import { useTranslation } from 'react-i18next';

/**
 * A polite loading message for screen readers and sighted users. `holdScreen`: it stands for content taller than
 * a screen, so it keeps a screen's height and what follows does not jump when that content arrives (styles.css).
 */
export function Loading({ label, holdScreen = false }: { label?: string; holdScreen?: boolean }) {
  const { t } = useTranslation();
  return (
    <p className={holdScreen ? 'loading loading-hold-screen' : 'loading'} role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('loading')}
    </p>
  );
}
