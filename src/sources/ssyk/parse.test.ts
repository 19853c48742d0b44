import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hierarchyFixture } from '../../../test/fixtures/occupations/taxonomy.js';
import { InputError } from '../../errors.js';
import type { TableRecord } from '../shared/csv.js';
import { ssykSource } from './index.js';
import { FOLDED_SCB_CODES, mapScbCodeToAf } from './mapping.js';
import {
  buildSsykRows,
  parseScbStructure,
  parseSsykDefinitions,
  parseSsykHierarchy,
  SSYK_HIERARCHY_FILE,
  SSYK_LEVEL1_FILE,
  SSYK_LEVEL2_FILE,
  SSYK_SCB_EN_FILE,
} from './parse.js';

type Fixture = ReturnType<typeof hierarchyFixture>;
// biome-ignore lint/suspicious/noExplicitAny: tests poke into the JSON fixture to break it.
const nodeAt = (fixture: Fixture, ...path: number[]): any => {
  // biome-ignore lint/suspicious/noExplicitAny: see above.
  let node: any = fixture.data.concepts[path[0] ?? 0];
  for (const i of path.slice(1)) node = node.narrower[i];
  return node;
};

const records = (rows: Array<[string, string]>): TableRecord[] =>
  rows.map(([code, name], i) => ({ row: i + 2, values: { code, name } }));

const scbFixture = () =>
  parseScbStructure(
    records([
      ['1', 'Managers'],
      ['12', 'Administrative managers'],
      ['121', 'Finance managers'],
      ['1211', 'Finance managers, level 1'],
      ['1212', 'Finance managers, level 2'],
      ['2', 'Professionals'],
      ['22', 'Health professionals'],
      ['222', 'Nurses  '],
      ['2221', 'Nurses'],
    ]),
  );

/** Catches the InputError a function throws. */
function inputErrorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parseSsykHierarchy', () => {
  it('walks levels 1–4 and the occupation names with parents, labels and locations', () => {
    const { groups, names } = parseSsykHierarchy(hierarchyFixture());
    expect(groups.map((g) => [g.code, g.level, g.parentCode])).toEqual([
      ['2', 1, null],
      ['22', 2, '2'],
      ['222', 3, '22'],
      ['2221', 4, '222'],
      ['1', 1, null],
      ['12', 2, '1'],
      ['121', 3, '12'],
      ['1210', 4, '121'],
    ]);
    const nurse = groups.find((g) => g.code === '2221');
    expect(nurse?.labelSv).toBe('Grundutbildade sjuksköterskor');
    expect(nurse?.definitionSv).toBe('Planerar och ger omvårdnad.');
    expect(nurse?.location).toEqual({
      file: SSYK_HIERARCHY_FILE,
      row: 4,
      column: 'data.concepts[0].narrower[0].narrower[0].narrower[0]',
    });
    expect(names.map((n) => [n.conceptId, n.name, n.ssykCode])).toEqual([
      ['N1', 'Sjuksköterska', '2221'],
      ['N2', 'Sjuksköterska, vårdcentral', '2221'],
      ['N3', 'Ekonomichef', '1210'],
    ]);
  });

  it('rejects a duplicate SSYK code, naming both places', () => {
    const fixture = hierarchyFixture();
    nodeAt(fixture, 1, 0, 0, 0).ssyk_code_2012 = '1210';
    nodeAt(fixture, 1, 0, 0).narrower.push({ ...nodeAt(fixture, 1, 0, 0, 0), id: 'dup', narrower: [] });
    const error = inputErrorOf(() => parseSsykHierarchy(fixture));
    expect(error.location.file).toBe(SSYK_HIERARCHY_FILE);
    expect(error.location.column).toBe('data.concepts[1].narrower[0].narrower[0].narrower[1].ssyk_code_2012');
    expect(error.message).toMatch(/dubblett av SSYK-koden "1210" \(finns redan i post \d+/);
  });

  it('rejects a duplicate occupation name id', () => {
    const fixture = hierarchyFixture();
    nodeAt(fixture, 1, 0, 0, 0).narrower.push({ id: 'N1', type: 'occupation-name', preferred_label: 'X' });
    expect(() => parseSsykHierarchy(fixture)).toThrow(/dubblett av yrkesbenämningen "N1"/);
  });

  it('rejects a code of the wrong length or outside its parent', () => {
    const fixture = hierarchyFixture();
    nodeAt(fixture, 0, 0, 0, 0).ssyk_code_2012 = '222';
    const error = inputErrorOf(() => parseSsykHierarchy(fixture));
    expect(error.location.column).toBe('data.concepts[0].narrower[0].narrower[0].narrower[0].ssyk_code_2012');
    expect(error.message).toContain('ska vara 4 siffror');

    const other = hierarchyFixture();
    nodeAt(other, 0, 0, 0, 0).ssyk_code_2012 = '2311';
    expect(() => parseSsykHierarchy(other)).toThrow(/hör inte till överordnad grupp "222"/);
  });

  it('rejects a missing code, a missing label and a wrong type', () => {
    const missing = hierarchyFixture();
    delete (nodeAt(missing, 0, 0) as { ssyk_code_2012?: string }).ssyk_code_2012;
    expect(inputErrorOf(() => parseSsykHierarchy(missing)).location.column).toBe(
      'data.concepts[0].narrower[0].ssyk_code_2012',
    );

    const noLabel = hierarchyFixture();
    nodeAt(noLabel, 0, 0, 0).preferred_label = '  ';
    expect(inputErrorOf(() => parseSsykHierarchy(noLabel)).location.column).toBe(
      'data.concepts[0].narrower[0].narrower[0].preferred_label',
    );

    const wrongType = hierarchyFixture();
    nodeAt(wrongType, 0, 0, 0).type = 'ssyk-level-4';
    expect(() => parseSsykHierarchy(wrongType)).toThrow(/väntade "ssyk-level-3"/);
  });

  it('rejects a file without the data.concepts list', () => {
    const error = inputErrorOf(() => parseSsykHierarchy({ data: {} }));
    expect(error.location).toMatchObject({ file: SSYK_HIERARCHY_FILE, column: 'data.concepts' });
  });
});

describe('parseSsykDefinitions', () => {
  it('reads definitions per code and checks the level', () => {
    const json = {
      data: {
        concepts: [
          { id: 'a', type: 'ssyk-level-1', ssyk_code_2012: '2', definition: ' Yrken med krav ' },
          { id: 'b', type: 'ssyk-level-1', ssyk_code_2012: '1' },
        ],
      },
    };
    expect([...parseSsykDefinitions(json, SSYK_LEVEL1_FILE, 1)]).toEqual([['2', 'Yrken med krav']]);
    expect(() => parseSsykDefinitions(json, SSYK_LEVEL2_FILE, 2)).toThrow(/väntade "ssyk-level-2"/);
  });
});

describe('parseScbStructure', () => {
  it('reads codes as strings with level and parent, tidying labels', () => {
    const scb = scbFixture();
    expect(scb.find((c) => c.code === '222')).toMatchObject({
      level: 3,
      parentCode: '22',
      labelEn: 'Nurses',
    });
    const military = parseScbStructure(
      records([
        ['0', 'Armed forces'],
        ['01', 'Officers'],
        ['011', 'Officers'],
        ['0110', 'Officers'],
      ]),
    );
    expect(military[3]).toMatchObject({
      code: '0110',
      parentCode: '011',
    });
  });

  it('rejects a duplicate code with both rows', () => {
    const error = inputErrorOf(() =>
      parseScbStructure(
        records([
          ['1', 'Managers'],
          ['1', 'Again'],
        ]),
      ),
    );
    expect(error.location).toEqual({ file: SSYK_SCB_EN_FILE, row: 3, column: 'code' });
    expect(error.message).toContain('finns redan på rad 2');
  });

  it('rejects a malformed code, an empty name and a missing parent', () => {
    expect(inputErrorOf(() => parseScbStructure(records([['12a', 'X']]))).location).toEqual({
      file: SSYK_SCB_EN_FILE,
      row: 2,
      column: 'code',
    });
    expect(inputErrorOf(() => parseScbStructure(records([['1', '']]))).location.column).toBe('name');
    expect(() =>
      parseScbStructure(
        records([
          ['1', 'A'],
          ['123', 'B'],
        ]),
      ),
    ).toThrow(/överordnad kod "12" saknas/);
  });
});

describe('mapScbCodeToAf', () => {
  const af = new Set(['111', '1111', '1210', '2221', '5321', '5323', '7611']);

  it('identical, manager level and folded codes', () => {
    expect(mapScbCodeToAf('2221', af)).toEqual({ afCode: '2221', rule: 'identical', note: null });
    expect(mapScbCodeToAf('1211', af)).toMatchObject({ afCode: '1210', rule: 'manager_level' });
    expect(mapScbCodeToAf('1212', af)).toMatchObject({ afCode: '1210', rule: 'manager_level' });
    expect(mapScbCodeToAf('4430', af)).toMatchObject({ afCode: '1111', rule: 'folded' });
    expect(mapScbCodeToAf('5322', af)).toMatchObject({ afCode: '5321', rule: 'folded' });
    expect(mapScbCodeToAf('5324', af)).toMatchObject({ afCode: '5323', rule: 'folded' });
    expect(mapScbCodeToAf('7619', af)).toMatchObject({ afCode: '7611', rule: 'folded' });
    expect(mapScbCodeToAf('443', af)).toMatchObject({ afCode: '111', rule: 'folded' });
  });

  it('no rule for an unknown code or a folded code whose target is missing', () => {
    expect(mapScbCodeToAf('9999', af)).toBeUndefined();
    expect(mapScbCodeToAf('1311', af)).toBeUndefined();
    expect(mapScbCodeToAf('7619', new Set(['7612']))).toBeUndefined();
  });

  it('every folded code has a note naming both codes', () => {
    for (const [code, { afCode, note }] of Object.entries(FOLDED_SCB_CODES)) {
      expect(note).toContain(code);
      expect(note).toContain(afCode);
    }
  });
});

describe('buildSsykRows', () => {
  const definitions = { level1: new Map([['2', 'Def 2']]), level2: new Map<string, string>() };

  it('adds English labels (SCB three-digit label for AF manager groups) and maps every SCB code', () => {
    const rows = buildSsykRows(parseSsykHierarchy(hierarchyFixture()), definitions, scbFixture());
    const byCode = new Map(rows.groups.map((g) => [g.row.code, g.row]));
    expect(byCode.get('2221')).toMatchObject({
      labelEn: 'Nurses',
      definitionSv: 'Planerar och ger omvårdnad.',
    });
    expect(byCode.get('1210')?.labelEn).toBe('Finance managers');
    expect(byCode.get('2')?.definitionSv).toBe('Def 2');
    expect(byCode.get('2221')?.searchText).toBe('grundutbildade sjuksköterskor\nnurses');
    expect(rows.scbCodes.map((c) => [c.row.code, c.row.afCode, c.row.mappingRule])).toContainEqual([
      '1212',
      '1210',
      'manager_level',
    ]);
    expect(rows.scbCodes).toHaveLength(9);
  });

  it('stops on an SCB code without a mapping rule, naming its row', () => {
    const scb = [
      ...scbFixture(),
      ...parseScbStructure(
        records([
          ['9', 'X'],
          ['99', 'Y'],
          ['999', 'Z'],
        ]),
      ),
    ];
    const error = inputErrorOf(() => buildSsykRows(parseSsykHierarchy(hierarchyFixture()), definitions, scb));
    expect(error.location).toEqual({ file: SSYK_SCB_EN_FILE, row: 2, column: 'code' });
    expect(error.message).toContain('saknar regel');
  });

  it('rejects a definition for a code the hierarchy does not have', () => {
    const bad = { level1: new Map([['7', 'Def']]), level2: new Map<string, string>() };
    expect(() => buildSsykRows(parseSsykHierarchy(hierarchyFixture()), bad, scbFixture())).toThrow(
      /definition för SSYK-kod "7"/,
    );
  });
});

describe('ssyk adapter read() on files', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  async function writeFixture(scbCsv: string): Promise<string> {
    dir = await mkdtemp(path.join(tmpdir(), 'semafor-ssyk-'));
    const root = dir;
    const put = async (relative: string, content: string) => {
      await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
      await writeFile(path.join(root, relative), content);
    };
    await put(SSYK_HIERARCHY_FILE, JSON.stringify(hierarchyFixture()));
    await put(SSYK_LEVEL1_FILE, JSON.stringify({ data: { concepts: [] } }));
    await put(SSYK_LEVEL2_FILE, JSON.stringify({ data: { concepts: [] } }));
    await put(SSYK_SCB_EN_FILE, scbCsv);
    return root;
  }

  const readAll = async (root: string, expectComplete = false) => {
    const stream = await ssykSource.read({
      origin: 'data_dir',
      file: (p) => path.join(root, p),
      expectComplete,
    });
    const rows: Record<string, number> = {};
    for await (const batch of stream.batches)
      rows[batch.target] = (rows[batch.target] ?? 0) + batch.rows.length;
    return { expected: stream.expectedRows, rows };
  };

  it('reads the SCB CSV with its BOM', async () => {
    const root = await writeFixture(
      '\uFEFFcode,name\n1,Managers\n12,Admin\n121,Finance managers\n1211,"Finance, 1"\n',
    );
    expect(await readAll(root)).toEqual({ expected: 12, rows: { ssyk_groups: 8, ssyk_scb_codes: 4 } });
  });

  it('refuses the same hand-made subset as a complete copy (400 AF and 429 SCB unit groups expected)', async () => {
    const root = await writeFixture(
      'code,name\n1,Managers\n12,Admin\n121,Finance managers\n1211,"Finance, 1"\n',
    );
    await expect(readAll(root, true)).rejects.toThrow(/en fullständig fil har minst 400/);
  });

  it('a missing column names file, row 1 and the column', async () => {
    const root = await writeFixture('code,label\n1,Managers\n');
    await expect(readAll(root)).rejects.toMatchObject({
      location: { file: SSYK_SCB_EN_FILE, row: 1, column: 'name' },
    });
  });

  it('corrupt JSON names the file', async () => {
    const root = await writeFixture('code,name\n1,Managers\n');
    await writeFile(path.join(root, SSYK_HIERARCHY_FILE), '{"data": {"concepts": [');
    await expect(readAll(root)).rejects.toMatchObject({ location: { file: SSYK_HIERARCHY_FILE } });
  });
});
