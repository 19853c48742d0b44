import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { decodeText, readText } from './text.js';

const swedish = 'Kommun;Län\nÅre;Jämtlands län\nÖrebro;Örebro län\nMalmö – centrum;Skåne län\n';

/** Windows-1252 bytes of `swedish`, written out by hand so the test does not depend on an encoder. */
const windows1252Bytes = (text: string): Uint8Array => {
  const table: Record<string, number> = {
    å: 0xe5,
    ä: 0xe4,
    ö: 0xf6,
    Å: 0xc5,
    Ä: 0xc4,
    Ö: 0xd6,
    '–': 0x96,
    é: 0xe9,
  };
  return Uint8Array.from([...text].map((ch) => table[ch] ?? ch.charCodeAt(0)));
};

describe('decodeText', () => {
  it('reads UTF-8 without BOM', () => {
    const result = decodeText(new TextEncoder().encode(swedish), 'x.csv');
    expect(result).toEqual({ text: swedish, encoding: 'utf-8' });
  });

  it('reads UTF-8 with BOM and drops the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(swedish)]);
    const result = decodeText(bytes, 'x.csv');
    expect(result).toEqual({ text: swedish, encoding: 'utf-8-bom' });
    expect(result.text.charCodeAt(0)).toBe('K'.charCodeAt(0));
  });

  it('reads Windows-1252, including characters outside Latin-1 such as the en dash', () => {
    const bytes = windows1252Bytes(swedish);
    expect(bytes).toContain(0x96);
    const result = decodeText(bytes, 'x.csv');
    expect(result).toEqual({ text: swedish, encoding: 'windows-1252' });
    expect(result.text).toContain('Åre;Jämtlands län');
    expect(result.text).toContain('Malmö – centrum');
  });

  it('treats plain ASCII as UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('kod,namn\n0180,Stockholm\n'), 'x.csv').encoding).toBe(
      'utf-8',
    );
  });

  it('refuses UTF-16 in either byte order, naming the file and the encoding', () => {
    const utf16le = new Uint8Array([0xff, 0xfe, ...[...'year,ssyk\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(() => decodeText(utf16le, 'scb/län.csv')).toThrow(InputError);
    expect(() => decodeText(utf16le, 'scb/län.csv')).toThrow(
      /^scb\/län\.csv: filen är kodad som UTF-16 \(little endian, byte-order-märke FF FE\); spara den som UTF-8/,
    );
    const utf16be = new Uint8Array([0xfe, 0xff, 0, 0x79, 0, 0x65]);
    expect(() => decodeText(utf16be, 'a.csv')).toThrow(/UTF-16 \(big endian, byte-order-märke FE FF\)/);
  });

  it('reads an empty file as empty text', () => {
    expect(decodeText(new Uint8Array(), 'x.csv')).toEqual({ text: '', encoding: 'utf-8' });
  });
});

describe('readText', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('reads the same Swedish text from files in all three encodings', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'semafor-text-'));
    dirs.push(dir);
    const files = {
      utf8: new TextEncoder().encode(swedish),
      bom: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(swedish)]),
      cp1252: windows1252Bytes(swedish),
    };
    for (const [name, bytes] of Object.entries(files)) {
      await writeFile(path.join(dir, `${name}.csv`), bytes);
      expect((await readText(path.join(dir, `${name}.csv`), `${name}.csv`)).text).toBe(swedish);
    }
  });
});
