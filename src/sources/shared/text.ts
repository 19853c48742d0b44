import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Windows-1252 code points for bytes 0x80–0x9F (WHATWG encoding table; undefined bytes keep their C1 value).
 * Node 20's TextDecoder('windows-1252') decodes as Latin-1 and turns e.g. 0x96 into U+0096 instead of "–".
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

/** Decodes Windows-1252 bytes (any byte sequence is valid). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const size = 8192;
  for (let start = 0; start < bytes.length; start += size) {
    const slice = bytes.subarray(start, start + size);
    const units = new Uint16Array(slice.length);
    for (let i = 0; i < slice.length; i++) {
      const b = slice[i] ?? 0;
      units[i] = b >= 0x80 && b <= 0x9f ? (WINDOWS_1252_HIGH[b - 0x80] ?? b) : b;
    }
    chunks.push(String.fromCharCode(...units));
  }
  return chunks.join('');
}

/**
 * UTF-16 text (Excel's "Unicode text" export, Notepad's "Unicode") starts with a byte-order mark. Without this
 * check it decoded as Windows-1252 and failed later with a confusing "Invalid Record Length" or a header read as
 * "ÿþy e a r"; the sources accept UTF-8 and Windows-1252 only, so say what the file is and how to fix it.
 */
export function assertNotUtf16(bytes: Uint8Array, file: string): void {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (le || be) {
    throw new InputError(
      { file },
      `filen är kodad som UTF-16 (${le ? 'little' : 'big'} endian, byte-order-märke ${le ? 'FF FE' : 'FE FF'}); spara den som UTF-8 (t.ex. "CSV UTF-8" i Excel) och importera igen`,
    );
  }
}

/**
 * Decodes bytes that may be UTF-8 (with or without BOM) or Windows-1252 (Excel's "CSV" on Swedish Windows).
 * Invalid UTF-8 means Windows-1252: every byte sequence is valid there, and Swedish letters land right.
 * UTF-16 is refused with an input error naming `file`.
 */
export function decodeText(bytes: Uint8Array, file: string): { text: string; encoding: TextEncoding } {
  assertNotUtf16(bytes, file);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: utf8.decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** Reads a text file in any of the encodings above; `displayName` is how errors name the file. */
export async function readText(
  path: string,
  displayName: string,
): Promise<{ text: string; encoding: TextEncoding }> {
  return decodeText(await readFile(path), displayName);
}
