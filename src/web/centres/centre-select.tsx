import { useTranslation } from 'react-i18next';

/**
 * The centre a staff member works on, for staff of more than one centre (nothing for staff of one): the daily page
 * and the learner settings share it.
 */
export function CentreSelect({
  centres,
  value,
  onChange,
}: {
  centres: Array<{ id: string; name: string }>;
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation('centres');
  if (centres.length < 2) return null;
  return (
    <p className="account-form">
      <label htmlFor="centre-select">{t('staff.centre')}</label>
      <select id="centre-select" value={value} onChange={(e) => onChange(e.target.value)}>
        {centres.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </p>
  );
}
