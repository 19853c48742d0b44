import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the browser tab title to "<page> – Semafor" in the current language (WCAG 2.4.2). */
export function usePageTitle(pageTitle: string): void {
  const { t } = useTranslation();
  const suffix = t('app.titleSuffix');
  useEffect(() => {
    document.title = pageTitle === suffix ? suffix : `${pageTitle} – ${suffix}`;
  }, [pageTitle, suffix]);
}
