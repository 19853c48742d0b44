import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A link to another site, marked as external for screen readers. */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <a href={href} rel="noreferrer" className="external-link">
      {children}
      <span className="visually-hidden"> {t('externalLink')}</span>
    </a>
  );
}
