import { readFile } from 'node:fs/promises';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

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
    return { text: windows1252.decode(bytes), encoding: 'windows-1252' };
  }
}

/** Reads a text file in any of the encodings above. */
export async function readText(path: string): Promise<{ text: string; encoding: TextEncoding }> {
  return decodeText(await readFile(path));
}
