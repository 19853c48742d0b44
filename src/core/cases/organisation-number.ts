import organisationsnummer from 'organisationsnummer';

// The package's CommonJS build exports the class as module.exports while its types declare `export default`; under
// NodeNext TypeScript therefore sees the namespace where Node hands over the class.
type OrgNumber = InstanceType<typeof organisationsnummer.default>;
const Organisationsnummer = organisationsnummer as unknown as typeof organisationsnummer.default;

/**
 * Swedish organisation numbers (checksum and format through the `organisationsnummer` package). A sole trader
 * (enskild firma) is identified by the owner's personal identity number: that is personal data Semafor must not
 * keep, so it is refused with a message saying so, and the number is never echoed back or stored.
 */
export type OrganisationNumberCheck =
  | { ok: true; value: string; type: string }
  | { ok: false; reason: 'format' | 'checksum' | 'personal_number'; message: string };

export function checkOrganisationNumber(input: string): OrganisationNumberCheck {
  const trimmed = input.trim();
  const digits = trimmed.replace(/[\s-]/g, '');
  if (!/^(\d{10}|\d{12})$/.test(digits)) {
    return {
      ok: false,
      reason: 'format',
      message: 'Organisationsnumret ska ha tio siffror, t.ex. 556016-0680',
    };
  }
  let parsed: OrgNumber;
  try {
    parsed = Organisationsnummer.parse(trimmed);
  } catch {
    return {
      ok: false,
      reason: 'checksum',
      message: 'Organisationsnumret är inte giltigt (kontrollsiffran stämmer inte)',
    };
  }
  if (parsed.isPersonnummer()) {
    return {
      ok: false,
      reason: 'personal_number',
      message:
        'Numret är ett personnummer (enskild firma). Semafor sparar inte personnummer, så enskilda firmor kan inte registreras med det',
    };
  }
  return { ok: true, value: parsed.format(true), type: parsed.type() };
}

/**
 * SNI 2007 codes: five digits, written `62010` or `62.010`; stored without the dot. Returns null for a bad code.
 */
export function normaliseSni(input: string): string | null {
  const m = /^(\d{2})\.?(\d{3})$/.exec(input.trim());
  return m ? `${m[1]}${m[2]}` : null;
}
