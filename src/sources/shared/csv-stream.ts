import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { InputError } from '../../errors.js';
import type { SourceInput } from '../contract.js';
import { assertColumns, assertFileExists } from './csv.js';
import { assertNotUtf16, decodeWindows1252, type TextEncoding } from './text.js';

/**
 * Streaming reader for large delimited files (SCB's extracts: 4–50 MB, hundreds of thousands of rows). Memory stays
 * bounded by one read chunk and one parsed batch regardless of file size: the file is read twice, once to find
 * the encoding and the header line (UTF-8 validated incrementally, discarded), once through csv-parse's streaming
 * parser. Errors name the file and the line.
 */

/** One data record: its 1-based line in the file (header = line 1) and its fields (untrimmed). */
export interface CsvLine {
  line: number;
  fields: string[];
}

export interface CsvStream {
  header: string[];
  encoding: TextEncoding;
  /** Data records in order; each array is one batch of at most `batchSize` records. */
  batches: AsyncIterable<CsvLine[]>;
}

const CHUNK = 64 * 1024;

/** First pass: encoding (UTF-8 with/without BOM or Windows-1252) and the first line of text. */
async function sniff(
  absolutePath: string,
  file: string,
): Promise<{ encoding: TextEncoding; firstLine: string; hasQuotes: boolean }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let encoding: TextEncoding = 'utf-8';
  let head: Uint8Array | undefined;
  let valid = true;
  let bytes = 0;
  let hasQuotes = false;
  for await (const chunk of createReadStream(absolutePath, { highWaterMark: CHUNK })) {
    const data = chunk as Buffer;
    bytes += data.length;
    if (!head) {
      head = data.subarray(0, Math.min(data.length, CHUNK));
      assertNotUtf16(head, file);
      if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) encoding = 'utf-8-bom';
    }
    hasQuotes ||= data.includes(0x22);
    if (!valid) continue;
    try {
      decoder.decode(data, { stream: true });
    } catch {
      valid = false;
    }
  }
  if (valid) {
    try {
      decoder.decode();
    } catch {
      valid = false;
    }
  }
  if (!valid) encoding = 'windows-1252';
  if (bytes === 0 || !head) throw new InputError({ file }, 'filen är tom');
  const start = encoding === 'utf-8-bom' ? 3 : 0;
  const headText =
    encoding === 'windows-1252'
      ? decodeWindows1252(head)
      : new TextDecoder('utf-8').decode(head.subarray(start));
  const newline = headText.indexOf('\n');
  return { encoding, firstLine: newline < 0 ? headText : headText.slice(0, newline), hasQuotes };
}

function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const counts = ([',', ';', '\t'] as const).map((d) => [d, headerLine.split(d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[0] ?? ',';
}

/** Bytes → text in the sniffed encoding, chunk by chunk (a UTF-8 sequence split across chunks is kept whole). */
function decoderTransform(encoding: TextEncoding): Transform {
  const utf8 = new TextDecoder('utf-8');
  let first = true;
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) {
      let data: Uint8Array = chunk;
      if (first && encoding === 'utf-8-bom') data = data.subarray(3);
      first = false;
      done(null, encoding === 'windows-1252' ? decodeWindows1252(data) : utf8.decode(data, { stream: true }));
    },
    flush(done) {
      done(null, encoding === 'windows-1252' ? '' : utf8.decode());
    },
  });
}

/**
 * A file without any quote character (SCB's numeric extracts) is split by lines and delimiters directly, about
 * three times faster than csv-parse on 200,000 rows, with the same checks and line numbers.
 */
async function plainStream(
  absolutePath: string,
  file: string,
  encoding: TextEncoding,
  delimiter: string,
  required: readonly string[],
  batchSize: number,
): Promise<CsvStream> {
  const source = createReadStream(absolutePath, { highWaterMark: CHUNK });
  const text = source.pipe(decoderTransform(encoding));
  // Lines are produced a chunk at a time (a generator per line costs more than the splitting itself).
  const chunks = text[Symbol.asyncIterator]();
  let rest = '';
  let lineNumber = 0;
  let ended = false;
  const nextLines = async (): Promise<CsvLine[] | undefined> => {
    while (!ended) {
      const next = await chunks.next();
      if (next.done) ended = true;
      const parts = (rest + (next.done ? '' : (next.value as string))).split('\n');
      rest = ended ? '' : (parts.pop() ?? '');
      const out: CsvLine[] = [];
      for (const part of parts) {
        lineNumber += 1;
        const content = part.endsWith('\r') ? part.slice(0, -1) : part;
        if (content !== '') out.push({ line: lineNumber, fields: content.split(delimiter) });
      }
      if (out.length > 0) return out;
    }
    return undefined;
  };
  let pending = (await nextLines()) ?? [];
  const headerLine = pending.shift();
  const header = (headerLine?.fields ?? []).map((h) => h.trim());
  try {
    assertColumns(file, header, required);
  } catch (error) {
    source.destroy();
    throw error;
  }
  async function* batches(): AsyncGenerator<CsvLine[]> {
    try {
      for (let lines: CsvLine[] | undefined = pending; lines; lines = await nextLines()) {
        pending = [];
        for (const record of lines) {
          if (record.fields.length !== header.length) {
            throw new InputError(
              { file, row: record.line },
              `raden har ${record.fields.length} fält men rubrikraden har ${header.length}`,
            );
          }
        }
        for (let start = 0; start < lines.length; start += batchSize)
          yield lines.slice(start, start + batchSize);
      }
    } finally {
      source.destroy();
    }
  }
  return { header, encoding, batches: batches() };
}

/**
 * Opens a delimited file of the source input for streaming: checks the header (required columns, error on row 1
 * naming the missing column) and yields data records in batches; a record with a different number of fields than
 * the header, or broken quoting, is an input error naming file and line. An empty file or a header without data
 * rows is reported by the caller (which knows whether rows are required).
 */
export async function streamCsv(
  input: SourceInput,
  relativePath: string,
  options: { required: readonly string[]; delimiter?: ',' | ';' | '\t'; batchSize?: number },
): Promise<CsvStream> {
  const absolutePath = input.file(relativePath);
  const file = relativePath;
  await assertFileExists(absolutePath, file);
  const { encoding, firstLine, hasQuotes } = await sniff(absolutePath, file);
  if (firstLine.trim() === '') throw new InputError({ file, row: 1 }, 'rubrikraden är tom');
  const delimiter = options.delimiter ?? detectDelimiter(firstLine);
  const batchSize = options.batchSize ?? 5000;
  if (!hasQuotes) return plainStream(absolutePath, file, encoding, delimiter, options.required, batchSize);
  const parser = parse({ delimiter, relax_quotes: false, skip_empty_lines: true, info: true });
  const source = createReadStream(absolutePath, { highWaterMark: CHUNK });
  // pipeline() propagates errors from every stage into the parser, which the iterator below then throws.
  pipeline(source, decoderTransform(encoding), parser).catch((error: unknown) => {
    parser.destroy(error as Error);
  });
  const records = (parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)[
    Symbol.asyncIterator
  ]();
  const fail = (error: unknown): never => {
    source.destroy();
    parser.destroy();
    if (error instanceof InputError) throw error;
    const e = error as { lines?: number; message: string };
    throw new InputError({ file, row: e.lines }, `trasig rad: ${e.message}`);
  };

  let header: string[] = [];
  try {
    const first = await records.next();
    header = first.done ? [] : first.value.record.map((h) => h.trim());
  } catch (error) {
    fail(error);
  }
  try {
    assertColumns(file, header, options.required);
  } catch (error) {
    fail(error);
  }

  async function* batches(): AsyncGenerator<CsvLine[]> {
    let batch: CsvLine[] = [];
    try {
      for (let next = await records.next(); !next.done; next = await records.next()) {
        const { record, info } = next.value;
        if (record.length !== header.length) {
          throw new InputError(
            { file, row: info.lines },
            `raden har ${record.length} fält men rubrikraden har ${header.length}`,
          );
        }
        batch.push({ line: info.lines, fields: record });
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    } catch (error) {
      fail(error);
    } finally {
      // A consumer that stops early (an error further down) must not leave the file open.
      source.destroy();
    }
    if (batch.length > 0) yield batch;
  }

  return { header, encoding, batches: batches() };
}
