import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useRouter } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { languages } from '../../i18n/languages.js';
import { AccountMenu } from '../account/account-menu.js';
import { sourcesQuery } from '../api.js';
import { useLanguage } from '../i18n.js';
import { useNearViewport } from './near-viewport.js';

/** The main navigation: paths are part of the interface (issue 4 and 5 fill the pages). */
const NAV_ITEMS = [
  { to: '/', key: 'start', exact: true },
  { to: '/signaler', key: 'signals', exact: false },
  { to: '/karta', key: 'map', exact: false },
  { to: '/larcentra', key: 'learningCentres', exact: false },
  { to: '/data', key: 'data', exact: false },
] as const;

/** The page frame: skip link, header with name, navigation and language switch, main content, footer. */
export function Layout() {
  const { t } = useTranslation();
  const router = useRouter();
  const mainRef = useRef<HTMLElement>(null);

  // After moving to another page, put focus at the start of the new content, as a full page load would.
  useEffect(
    () =>
      router.subscribe('onResolved', (event) => {
        if (event.fromLocation && event.pathChanged) mainRef.current?.focus({ preventScroll: true });
      }),
    [router],
  );

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link to="/" className="brand" aria-label={t('app.homeLink')}>
            <BrandMark />
            <span className="brand-name">{t('app.name')}</span>
          </Link>
          <p className="tagline">{t('app.tagline')}</p>
          <AccountMenu />
          <LanguageSwitch />
        </div>
      </header>
      <nav className="site-nav" aria-label={t('nav.label')}>
        <ul className="container nav-list">
          {NAV_ITEMS.map((item) => (
            <li key={item.to}>
              <Link to={item.to} activeOptions={{ exact: item.exact, includeSearch: false }}>
                {t(`nav.${item.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={mainRef} tabIndex={-1} className="container site-main">
        <Outlet />
      </main>
      <Footer />
    </div>
  );
}

function BrandMark() {
  return (
    <svg
      className="brand-mark"
      viewBox="0 0 16 32"
      width="14"
      height="28"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="0" y="0" width="16" height="32" rx="5" fill="currentColor" opacity="0.25" />
      <circle cx="8" cy="7" r="4.2" fill="#ff6b5e" />
      <circle cx="8" cy="16" r="4.2" fill="#ffd24d" />
      <circle cx="8" cy="25" r="4.2" fill="#5fd68a" />
    </svg>
  );
}

/** Swedish/English; the choice is remembered (localStorage) and set on <html lang>. */
function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = useLanguage();
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('language.label')}</legend>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={current === language}
          onClick={() => void i18n.changeLanguage(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </fieldset>
  );
}

/**
 * Names every data source with its publisher and licence, from the API (so it follows the registered sources). The
 * list is asked for when the footer comes near the screen: it is below the first screen on every page, and on a
 * phone its 10 kB are not part of the first view.
 */
function Footer() {
  const { t } = useTranslation();
  const footerRef = useRef<HTMLElement>(null);
  const near = useNearViewport(footerRef);
  const sources = useQuery({ ...sourcesQuery, enabled: near });
  const licences = new Map<string, { publisher: string; licence: string }>();
  for (const source of sources.data?.sources ?? []) {
    licences.set(`${source.publisher}\u0000${source.licence}`, {
      publisher: source.publisher,
      licence: source.licence,
    });
  }
  return (
    <footer className="site-footer" ref={footerRef}>
      <div className="container">
        <h2 className="footer-heading">{t('footer.sourcesHeading')}</h2>
        {sources.isPending && <p>{t('footer.sourcesLoading')}</p>}
        {sources.isError && (
          <p role="alert">{t('footer.sourcesFailed', { message: sources.error.message })}</p>
        )}
        {sources.isSuccess &&
          (licences.size === 0 ? (
            <p>{t('footer.noSources')}</p>
          ) : (
            <ul className="footer-licences" lang="sv">
              {[...licences.values()].map(({ publisher, licence }) => (
                <li key={`${publisher}|${licence}`}>
                  <strong>{publisher}</strong>: {licence}
                </li>
              ))}
            </ul>
          ))}
        <p>
          <Link to="/data">{t('footer.moreAboutSources')}</Link>
        </p>
        <p className="footer-small">{t('footer.openSource')}</p>
      </div>
    </footer>
  );
}
