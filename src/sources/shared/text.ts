import { readFile } from 'node:fs/promises';

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

function decodeWindows1252(bytes: Uint8Array): string {
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
 * Decodes bytes that may be UTF-8 (with or without BOM) or Windows-1252 (Excel's "CSV" on Swedish Windows).
 * Invalid UTF-8 means Windows-1252: every byte sequence is valid there, and Swedish letters land right.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: utf8.decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** Reads a text file in any of the encodings above. */
export async function readText(path: string): Promise<{ text: string; encoding: TextEncoding }> {
  return decodeText(await readFile(path));
}
