const stockholmDate = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Sweden at `now` as an ISO date (`2026-12-04`): the day deadlines and windows count from. */
export function swedishDate(now: Date): string {
  return stockholmDate.format(now);
}
