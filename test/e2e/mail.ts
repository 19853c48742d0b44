import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The e-mails the shared e2e server has sent so far, as raw RFC 5322 text in the order received: the loopback SMTP
 * server of test/e2e/server.ts writes each one to SEMAFOR_E2E_MAIL_DIR. Specs filter by recipient, since every
 * spec's mail lands in the same place.
 */
export function receivedMails(): string[] {
  const dir = process.env.SEMAFOR_E2E_MAIL_DIR;
  if (!dir) throw new Error('SEMAFOR_E2E_MAIL_DIR is not set (playwright.config.ts sets it)');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

/**
 * A raw message with each MIME part's body decoded from its transfer encoding (base64 or quoted-printable, as
 * nodemailer chooses by content), so a spec can look for a link or a sentence in it. Headers are kept as they are.
 */
export function decodedMail(raw: string): string {
  return raw
    .split(/(?=\r?\n--)/)
    .map((part) => {
      const split = part.search(/\r?\n\r?\n/);
      if (split < 0) return part;
      const head = part.slice(0, split);
      const body = part.slice(split).trimStart();
      const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
      if (encoding === 'base64')
        return `${head}\n\n${Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')}`;
      if (encoding === 'quoted-printable') return `${head}\n\n${decodeQuotedPrintable(body)}`;
      return part;
    })
    .join('');
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i] as string, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
