import { createEvent } from 'ics';
import type { CentreTenant } from '../learning-centres/centre-organisation.service.js';
import type { MailAttachment } from '../mail/mail.service.js';
import type { BookingRow, SessionRow } from './exam-booking.repo.js';

/**
 * The e-mails a student gets about a booking (Swedish, plain text): received, confirmed (with a calendar file and
 * what to tell the exam office of their university), moved (new calendar file with the same UID and a higher
 * SEQUENCE, so calendars update the event) and declined (with the reason; a cancelling calendar file).
 */

const when = new Intl.DateTimeFormat('sv-SE', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Stockholm',
});
const clock = new Intl.DateTimeFormat('sv-SE', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Stockholm',
});

const utcParts = (d: Date): [number, number, number, number, number] => [
  d.getUTCFullYear(),
  d.getUTCMonth() + 1,
  d.getUTCDate(),
  d.getUTCHours(),
  d.getUTCMinutes(),
];

/** The iCalendar file of a booking (UTC times; UID = booking id, so a move or a cancellation updates it). */
export function bookingCalendar(
  booking: BookingRow,
  session: SessionRow,
  centre: CentreTenant,
  cancelled = false,
): MailAttachment {
  const { error, value } = createEvent({
    uid: `${booking.id}@semafor`,
    sequence: booking.version,
    method: cancelled ? 'CANCEL' : 'PUBLISH',
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    productId: 'semafor/exam-booking',
    title: `Tentamen ${booking.courseCode ?? ''} på ${centre.name}`.replace(/\s+/g, ' '),
    description: `${booking.courseName ?? ''} (${booking.institution ?? ''}). Ta med giltig legitimation.`,
    location: `${centre.name}, ${session.room}`,
    start: utcParts(session.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utcParts(session.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
  });
  if (error || !value) throw error ?? new Error('ics: no calendar');
  return { filename: 'tentamen.ics', contentType: 'text/calendar; charset=utf-8', content: value };
}

export interface MessageInput {
  booking: BookingRow;
  session: SessionRow;
  centre: CentreTenant;
  examOfficeNote: string | null;
  /** The student's own export link (only in the receipt: the key is not stored). */
  exportUrl?: string | undefined;
}

/** Subject, body and attachments of a message about a booking. */
export function bookingMessage(
  kind: 'requested' | 'confirmed' | 'declined' | 'moved',
  { booking, session, centre, examOfficeNote, exportUrl }: MessageInput,
): { subject: string; body: string; attachments?: MailAttachment[] } {
  const course = `${booking.courseCode ?? ''} ${booking.courseName ?? ''}`.trim();
  const time = `${when.format(session.startsAt)}–${clock.format(session.endsAt)}`;
  const fee =
    booking.feeSek > 0
      ? `Avgift: ${booking.feeSek} kr (du är inte folkbokförd i en kommun där skrivningen är avgiftsfri). Lärcentret skickar en faktura.`
      : 'Skrivningen är avgiftsfri för dig.';
  const office =
    examOfficeNote?.trim() ||
    (centre.contactEmail
      ? `Lärcentrets e-postadress för tentamina: ${centre.contactEmail}`
      : `Lärcentrets namn: ${centre.name}`);
  const examOffice = [
    'Det här ska du berätta för tentamensexpeditionen (eller motsvarande) på ditt lärosäte eller din YH-utbildning:',
    `- att du skriver tentamen i ${course} på ${centre.name}, ${time}`,
    `- ${office}`,
    '- att tentamen ska skickas till lärcentret i god tid före skrivningen',
  ].join('\n');
  const greeting = `Hej ${booking.name ?? ''}!`.replace(' !', '!');
  const ownData = exportUrl
    ? `\nDina uppgifter i bokningen kan du ladda ned här (spara länken, den är personlig): ${exportUrl}\n`
    : '';
  const footer = `\nVänliga hälsningar\n${centre.name}\n`;
  switch (kind) {
    case 'requested':
      return {
        subject: `Vi har tagit emot din bokning: tentamen ${course}`,
        body: `${greeting}\n\nVi har tagit emot din bokning av en skrivplats för ${course}, ${time}. Lärcentret bekräftar bokningen så snart som möjligt.\n\n${fee}\n${ownData}${footer}`,
      };
    case 'confirmed':
      return {
        subject: `Bekräftad: tentamen ${course} ${when.format(session.startsAt)}`,
        body: `${greeting}\n\nDin skrivplats är bekräftad.\n\nTid: ${time}\nPlats: ${centre.name}, ${session.room}\n\n${fee}\n\n${examOffice}\n\nKalenderfilen (tentamen.ics) i det här meddelandet lägger in tiden i din kalender. Ta med giltig legitimation.\n${footer}`,
        attachments: [bookingCalendar(booking, session, centre)],
      };
    case 'moved':
      return {
        subject: `Ny tid: tentamen ${course} ${when.format(session.startsAt)}`,
        body: `${greeting}\n\nDin skrivning har flyttats till en ny tid.\n\nNy tid: ${time}\nPlats: ${centre.name}, ${session.room}\n\n${examOffice}\n\nKalenderfilen (tentamen.ics) ersätter den tidigare tiden i din kalender.\n${footer}`,
        attachments: [bookingCalendar(booking, session, centre)],
      };
    case 'declined':
      return {
        subject: `Bokningen kunde inte godkännas: tentamen ${course}`,
        body: `${greeting}\n\nTyvärr kan vi inte ta emot din bokning för ${course}, ${time}.\n\nSkäl: ${booking.declineReason ?? ''}\n\nDu är välkommen att boka ett annat tillfälle.\n${footer}`,
        attachments: [bookingCalendar(booking, session, centre, true)],
      };
  }
}
