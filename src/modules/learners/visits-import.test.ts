import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerLearnersCommand } from '../../cli/commands/learners.js';
import type { CliContext } from '../../cli/context.js';
import { readVisitRecords } from '../../core/learners/visit-file.js';
import type { Database } from '../../db/client.js';
import { auditEvents, studyPlaceVisits } from '../../db/schema/index.js';
import { testEngines } from '../../db/testing.js';
import type { SeededAccount } from '../../testing/seed-accounts.js';
import { centreStaff, seedCentreStaff } from '../../testing/seed-centre-staff.js';
import { resolveSession } from '../auth/auth.service.js';
import type { Identity } from '../auth/roles.js';
import { getVisits } from './kpi.service.js';
import { importVisitFile } from './visits-import.service.js';

/** Visit counts from a file: the pure reading, the service (both engines) and the CLI in JSON mode. */

// Last year's months have all begun whatever today is; next year's have not.
const LAST = new Date().getUTCFullYear() - 1;
const NEXT = LAST + 2;
const THIS_MONTH = `${LAST + 1}-01`;
const csv = (text: string) => new TextEncoder().encode(text);

describe('reading a visit file', () => {
  const read = (header: string[], rows: string[][]) =>
    readVisitRecords(
      header,
      rows.map((cells, i) => ({
        row: i + 2,
        values: Object.fromEntries(header.map((h, j) => [h, cells[j] ?? ''])),
      })),
      THIS_MONTH,
    );

  it('takes Swedish or English headings, the app’s words for gender and age band, and spaced thousands', () => {
    expect(
      read(
        ['Månad', 'Besök', 'Kön', 'Åldersgrupp'],
        [
          [`${LAST}-3`, '1 200', 'Kvinna', '25–34 år'],
          [`${LAST}-03-01`, '7', 'man', '55 år och äldre'],
          [`${LAST}-04`, '0', '', ''],
        ],
      ),
    ).toEqual({
      rows: [
        { row: 2, month: `${LAST}-03`, visits: 1200, gender: 'woman', ageBand: '25-34' },
        { row: 3, month: `${LAST}-03`, visits: 7, gender: 'man', ageBand: '55-' },
        { row: 4, month: `${LAST}-04`, visits: 0, gender: 'all', ageBand: 'all' },
      ],
      problems: [],
    });
    expect(read(['month', 'visits'], [[`${LAST}-12`, '5']]).rows).toHaveLength(1);
  });

  it('lists every problem with its row and the column as the file spells it, and writes no row then', () => {
    const result = read(
      ['månad', 'besök', 'kön'],
      [
        [`${LAST}-01`, '10', ''],
        [`${LAST}-13`, 'tio', 'okänd'],
        [`${NEXT}-01`, '-3', ''],
        [`${LAST}-01`, '4', 'alla'],
      ],
    );
    expect(result.rows).toEqual([]);
    expect(result.problems).toEqual([
      { row: 3, column: 'månad', message: expect.stringContaining('ingen månad') },
      { row: 3, column: 'besök', message: expect.stringContaining('"tio" är inget antal') },
      { row: 3, column: 'kön', message: expect.stringContaining('okänt kön "okänd"') },
      { row: 4, column: 'månad', message: `månaden ${NEXT}-01 har inte börjat` },
      { row: 4, column: 'besök', message: expect.stringContaining('"-3"') },
      { row: 5, column: 'månad', message: 'samma månad som rad 2' },
    ]);
    expect(read(['månad', 'antal'], []).problems).toEqual([
      { row: 1, column: 'besök', message: 'kolumnen saknas (kolumner i filen: månad, antal)' },
    ]);
  });
});

describe.each(testEngines())('importing visit counts on $name', (engine) => {
  let database: Database;
  let accounts: Record<'gavle' | 'sandviken', SeededAccount>;
  let gavle: Identity;
  let sandviken: Identity;
  let dir: string;
  const audit = { actorId: null };

  beforeAll(async () => {
    database = await engine.open();
    accounts = await seedCentreStaff(database.db, {
      accounts: { gavle: centreStaff('gavle'), sandviken: centreStaff('sandviken') },
    });
    const identity = async (who: 'gavle' | 'sandviken') =>
      (await resolveSession(database.db, accounts[who].session, new Date())) as Identity;
    gavle = await identity('gavle');
    sandviken = await identity('sandviken');
    dir = await mkdtemp(path.join(tmpdir(), 'semafor-visits-'));
  });
  afterAll(async () => {
    await database?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const visitRows = async () => database.db.select().from(studyPlaceVisits);
  const importEvents = async () =>
    (await database.db.select().from(auditEvents)).filter((e) => e.entityType === 'study_place_visits');

  it('imports a good CSV file in one audited write; a preview writes nothing; staff of another centre get 404', async () => {
    const bytes = csv(`\uFEFFmånad;besök;kön\n${LAST}-01;120;\n${LAST}-02;1 040;\n${LAST}-02;40;kvinna\n`);
    const input = { file: 'besok.csv', bytes, centreId: 'gavle' };
    const preview = await importVisitFile(
      database.db,
      { identity: gavle },
      { ...input, dryRun: true },
      audit,
      new Date(),
    );
    expect(preview).toMatchObject({ accepted: true, written: false, counts: { rows: 3, visits: 1200 } });
    expect(await visitRows()).toEqual([]);

    const done = await importVisitFile(database.db, { identity: gavle }, input, audit, new Date());
    expect(done).toMatchObject({
      file: 'besok.csv',
      centre: { id: 'gavle', name: 'Gävle Lärcentrum' },
      accepted: true,
      written: true,
      problems: [],
      counts: { rows: 3, visits: 1200 },
    });
    const stored = await getVisits(database.db, gavle, 'gavle', LAST);
    expect(stored.sort((a, b) => `${a.month}${a.gender}`.localeCompare(`${b.month}${b.gender}`))).toEqual([
      { month: `${LAST}-01`, gender: 'all', ageBand: 'all', visits: 120, source: 'imported' },
      { month: `${LAST}-02`, gender: 'all', ageBand: 'all', visits: 1040, source: 'imported' },
      { month: `${LAST}-02`, gender: 'woman', ageBand: 'all', visits: 40, source: 'imported' },
    ]);
    const events = await importEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'import',
      entityId: 'gavle',
      after: { file: 'besok.csv', rows: 3, visits: 1200, months: [`${LAST}-01`, `${LAST}-02`] },
    });

    await expect(
      importVisitFile(database.db, { identity: sandviken }, input, audit, new Date()),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a file with a bad row is refused whole: each problem names file, row and column, and nothing changes', async () => {
    const before = { rows: await visitRows(), events: (await importEvents()).length };
    const bytes = csv(`Månad,Besök\n${LAST}-03,50\n${LAST}-04,många\n${NEXT}-01,5\n`);
    const report = await importVisitFile(
      database.db,
      { identity: gavle },
      { file: 'mars-april.csv', bytes, centreId: 'gavle' },
      audit,
      new Date(),
    );
    expect(report).toMatchObject({ accepted: false, written: false, rows: [] });
    expect(report.problems).toEqual([
      { file: 'mars-april.csv', row: 3, column: 'Besök', message: expect.stringContaining('"många"') },
      { file: 'mars-april.csv', row: 4, column: 'Månad', message: `månaden ${NEXT}-01 har inte börjat` },
    ]);
    expect(await visitRows()).toEqual(before.rows);
    expect(await importEvents()).toHaveLength(before.events);
    // A file that is not a table at all: the file is named, nothing written.
    const empty = await importVisitFile(
      database.db,
      { identity: gavle },
      { file: 'tom.csv', bytes: new Uint8Array(), centreId: 'gavle' },
      audit,
      new Date(),
    );
    expect(empty.problems).toEqual([{ file: 'tom.csv', message: 'filen är tom' }]);
  });

  it('reads XLSX too: a month written as an Excel date, an existing month replaced', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Besök');
    sheet.addRow(['Månad', 'Besök']);
    sheet.addRow([new Date(Date.UTC(LAST, 0, 1)), 150]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const report = await importVisitFile(
      database.db,
      { identity: gavle },
      { file: 'besok.xlsx', bytes, centreId: 'gavle' },
      audit,
      new Date(),
    );
    expect(report).toMatchObject({ written: true, rows: [{ row: 2, month: `${LAST}-01`, visits: 150 }] });
    const january = (await getVisits(database.db, gavle, 'gavle', LAST)).filter(
      (v) => v.month === `${LAST}-01`,
    );
    expect(january).toEqual([
      { month: `${LAST}-01`, gender: 'all', ageBand: 'all', visits: 150, source: 'imported' },
    ]);
  });

  it('the CLI: `semafor learners visits import FILE --centre ID --json` writes, and exits 65 with the problems', async () => {
    // The command as registered, run in this process on this database (a child process would migrate a new one).
    const context = { withDatabase: (fn) => fn(database) } as Pick<CliContext, 'withDatabase'> as CliContext;
    const run = async (file: string, flags: string[]) => {
      const program = new Command().exitOverride();
      registerLearnersCommand(program, () => context);
      const out: string[] = [];
      const write = process.stdout.write;
      const exitCode = process.exitCode;
      process.stdout.write = ((chunk: string) => out.push(chunk) > 0) as typeof process.stdout.write;
      let code: typeof process.exitCode;
      try {
        await program.parseAsync(['learners', 'visits', 'import', file, '--centre', 'sandviken', ...flags], {
          from: 'user',
        });
      } finally {
        // Restored at once: the test process's own stdout and exit code are not the command's.
        process.stdout.write = write;
        code = process.exitCode;
        process.exitCode = exitCode;
      }
      return { code, json: JSON.parse(out.join('')) };
    };
    const good = path.join(dir, 'sandviken.csv');
    await writeFile(good, `månad;besök\n${LAST}-05;33\n`);
    const written = await run(good, ['--json']);
    expect(written.code).toBeUndefined();
    expect(written.json).toMatchObject({
      file: 'sandviken.csv',
      centre: { id: 'sandviken' },
      written: true,
      counts: { rows: 1, visits: 33 },
    });
    expect(await getVisits(database.db, sandviken, 'sandviken', LAST)).toEqual([
      { month: `${LAST}-05`, gender: 'all', ageBand: 'all', visits: 33, source: 'imported' },
    ]);
    const bad = path.join(dir, 'fel.csv');
    await writeFile(bad, `månad;besök;åldersgrupp\n${LAST}-06;3;90-99\n`);
    const refused = await run(bad, ['--json', '--dry-run']);
    expect(refused.code).toBe(65);
    expect(refused.json.problems).toEqual([
      {
        file: 'fel.csv',
        row: 2,
        column: 'åldersgrupp',
        message: expect.stringContaining('okänd åldersgrupp "90-99"'),
      },
    ]);
  });
});
