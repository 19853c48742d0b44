import { subtractWorkingDays } from '../calendar/working-days.js';

/**
 * Rules for booking exam invigilation at a learning centre (issue 14), after Gävle Lärcentrum's published service:
 * apply at least 7 working days ahead, free for people registered in the region's municipalities (others pay), two
 * free resits per course, no booking on a full session, and consent to store the booking's data. Each rule is a
 * setting of the centre; the defaults below apply where a centre has set nothing.
 *
 * Pure: the caller passes today's date (Europe/Stockholm calendar date), the session, the residence list and the
 * count of earlier sittings; nothing here reads a clock or a database, so the web form and the API give the same
 * answer.
 */

export interface ExamBookingSettings {
  /** Working days of notice: the booking must be made at the latest this many working days before the exam. */
  noticeWorkingDays: number;
  /** Fee in SEK for people not registered in a free municipality. */
  feeSek: number;
  /** Free resits per course after the first sitting (so 1 + freeResits sittings in all). */
  freeResits: number;
  /** Days after the exam when the booking's personal data are deleted (the counts remain). */
  retentionDays: number;
  /**
   * Municipality codes whose residents sit for free; null = the municipalities of the centre's region (the
   * default, as in Gävle: "folkbokförd i någon av länets tio kommuner").
   */
  freeMunicipalities: string[] | null;
}

/** Defaults (documented in docs/learning-centres.md): 7 working days, 800 SEK, 2 free resits, 90 days. */
export const DEFAULT_EXAM_BOOKING_SETTINGS: ExamBookingSettings = {
  noticeWorkingDays: 7,
  feeSek: 800,
  freeResits: 2,
  retentionDays: 90,
  freeMunicipalities: null,
};

export const REFUSAL_CODES = ['too_late', 'session_full', 'resits_exceeded', 'consent_required'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  code: RefusalCode;
  /** Plain Swedish, shown to the student as is. */
  message: string;
}

export interface BookingQuestion {
  /** Today's calendar date in Sweden (YYYY-MM-DD). */
  today: string;
  /** The session's calendar date in Sweden (YYYY-MM-DD). */
  sessionDate: string;
  seats: number;
  /** Seats already taken (requested or confirmed bookings). */
  taken: number;
  /** Student's home municipality code (`2180`); undefined when not yet given. */
  homeMunicipality?: string | undefined;
  /** The region's municipality codes (used when settings.freeMunicipalities is null). */
  regionMunicipalities: readonly string[];
  /** Earlier sittings of the same course by the same student at this centre (not declined). */
  earlierSittings: number;
  /** Undefined while the form is not submitted: the consent rule is then not yet evaluated. */
  consent?: boolean | undefined;
  settings?: Partial<ExamBookingSettings> | undefined;
}

export interface BookingAnswer {
  ok: boolean;
  /** In the order the student should meet them: date, seats, resits, consent. */
  refusals: Refusal[];
  fee: { amount: number; currency: 'SEK' };
  /** The last day a booking for this session is accepted. */
  lastBookingDay: string;
  /** True when the home municipality makes the sitting free. */
  resident: boolean;
}

const dateFormat = new Intl.DateTimeFormat('sv-SE', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `torsdag 2 april 2026` for an ISO date. */
export function swedishDate(iso: string): string {
  return dateFormat.format(new Date(`${iso}T12:00:00Z`));
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The settings with defaults filled in. */
export function withDefaults(settings: Partial<ExamBookingSettings> | undefined): ExamBookingSettings {
  return { ...DEFAULT_EXAM_BOOKING_SETTINGS, ...stripUndefined(settings ?? {}) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The last calendar day a booking is accepted: `noticeWorkingDays` working days before the session. */
export function lastBookingDay(sessionDate: string, noticeWorkingDays: number): string {
  // 0 days' notice means "until the day before": a booking on the exam day itself cannot be prepared.
  if (noticeWorkingDays < 1) {
    const d = new Date(`${sessionDate}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  }
  return subtractWorkingDays(sessionDate, noticeWorkingDays);
}

/**
 * Evaluates every rule and returns all refusals (not only the first), so the form can show the student
 * everything that blocks the booking at once, and the fee that applies.
 */
export function evaluateBooking(q: BookingQuestion): BookingAnswer {
  const s = withDefaults(q.settings);
  const refusals: Refusal[] = [];
  const last = lastBookingDay(q.sessionDate, s.noticeWorkingDays);

  if (q.today > last) {
    refusals.push({
      code: 'too_late',
      message:
        q.today >= q.sessionDate
          ? 'Tillfället har redan varit. Välj ett senare tillfälle.'
          : `Det är för sent att boka det här tillfället. Du behöver boka minst ${count(s.noticeWorkingDays, 'arbetsdag', 'arbetsdagar')} före tentamen, alltså senast ${swedishDate(last)}. Välj ett senare tillfälle.`,
    });
  }
  if (q.taken >= q.seats) {
    refusals.push({
      code: 'session_full',
      message: 'Tillfället är fullbokat. Välj ett annat tillfälle.',
    });
  }
  if (q.earlierSittings > s.freeResits) {
    refusals.push({
      code: 'resits_exceeded',
      message: `Du har redan skrivit den här kursen ${count(q.earlierSittings, 'gång', 'gånger')} hos oss. Högst ${count(s.freeResits, 'omtentamen', 'omtentamina')} per kurs ingår, så vi kan inte ta emot fler bokningar för kursen. Kontakta lärcentrumet om du har frågor.`,
    });
  }
  if (q.consent === false) {
    refusals.push({
      code: 'consent_required',
      message:
        'Du behöver godkänna att vi sparar uppgifterna för bokningen. Utan dem kan vi inte ordna skrivplatsen.',
    });
  }

  const free = s.freeMunicipalities ?? q.regionMunicipalities;
  const resident = q.homeMunicipality !== undefined && free.includes(q.homeMunicipality);
  return {
    ok: refusals.length === 0,
    refusals,
    fee: { amount: resident ? 0 : s.feeSek, currency: 'SEK' },
    lastBookingDay: last,
    resident,
  };
}

/** The date of a session in Sweden from its start instant (sessions are stored as instants). */
export function swedishCalendarDate(instant: Date): string {
  // sv-SE formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** The date N calendar days after an ISO date. */
export function addCalendarDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
