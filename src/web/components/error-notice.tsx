import { useTranslation } from 'react-i18next';
import { isApiError } from '../api.js';

/**
 * Shows a failed request or render to the user: what went wrong in their language, the server's own message and
 * its stable error code, and a way to try again. Errors are never hidden.
 */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  let message: string;
  let code: string | undefined;
  let requestId: string | undefined;
  // The API writes its messages in Swedish; mark them so screen readers pronounce them right.
  let messageLang: string | undefined;
  if (isApiError(error)) {
    code = error.code;
    requestId = error.requestId;
    if (error.code === 'network_error') message = t('error.network');
    else if (error.code === 'bad_response') message = t('error.badResponse', { status: error.status });
    else {
      message = error.message;
      messageLang = 'sv';
    }
  } else {
    message = error instanceof Error ? error.message : String(error);
  }
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{t('error.title')}</p>
      <p lang={messageLang}>{message}</p>
      {code && <p className="notice-code">{t('error.code', { code })}</p>}
      {requestId && <p className="notice-code">{t('error.requestId', { id: requestId })}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
