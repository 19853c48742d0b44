import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { importPastList } from '../../modules/prioritisation/import.service.js';
import { draftPriorities, publicList } from '../../modules/prioritisation/prioritisation.service.js';
import { selectVersionsForCli } from '../../modules/prioritisation/versions.service.js';
import type { CliContext } from '../context.js';
import { CliError, formatTable, printJson } from '../output.js';

const BAND_LABEL: Record<string, string> = { '4': 'SeQF 4', '5-6': 'SeQF 5–6', '6-8': 'SeQF 6–8' };

/** `semafor priorities draft|list|import`: the yearly prioritised list of shortage occupations. */
export function registerPrioritiesCommand(program: Command, context: () => CliContext): void {
  const priorities = program
    .command('priorities')
    .description('Prioriterade bristyrken: utkast ur signalerna, publicerade listor, import av äldre listor');

  priorities
    .command('draft')
    .description('Utkast till prioriterad lista för en region, rangordnat ur de lagrade signalerna')
    .requiredOption('--geo <id>', 'regionen, t.ex. county:21')
    .option('--round <id>', 'signalomgång (standard: bredast täckning för län)')
    .option('--json', 'maskinläsbar utdata')
    .action(async (flags: { geo: string; round?: string; json?: boolean }) => {
      const draft = await context().withDatabase(({ db }) =>
        draftPriorities(db, { geo: flags.geo, round: flags.round }),
      );
      if (flags.json) {
        printJson(draft);
        return;
      }
      const out: string[] = [
        `Utkast: prioriterade bristyrken i ${draft.regionName} (omgång ${draft.round}, metod ${draft.method.version})`,
      ];
      for (const band of ['4', '5-6', '6-8']) {
        const rows = draft.rows.filter((r) => r.seqfBand === band && r.proposed);
        out.push('', `${BAND_LABEL[band]}: ${rows.length} föreslagna`);
        if (rows.length > 0) {
          out.push(
            formatTable(
              rows.map((r) => ({
                rang: r.rank,
                ssyk: r.ssyk,
                yrke: r.name,
                yrkesområde: r.field ?? '',
                poäng: r.score.toLocaleString('sv-SE', { minimumFractionDigits: 1 }),
              })),
            ),
          );
        }
      }
      if (draft.apart.length > 0) {
        out.push(
          '',
          `Paradox (visas för sig, inte i första hand en utbildningsfråga): ${draft.apart.map((r) => r.name).join(', ')}`,
        );
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });

  priorities
    .command('list')
    .description('Publicerade listor för en region (alla år och versioner)')
    .requiredOption('--geo <id>', 'regionen, t.ex. county:21')
    .option('--year <år>', 'visa listan för ett år (nyaste versionen)')
    .option('--json', 'maskinläsbar utdata')
    .action(async (flags: { geo: string; year?: string; json?: boolean }) => {
      const result = await context().withDatabase(async ({ db }) => ({
        published: await selectVersionsForCli(db, flags.geo),
        list: flags.year ? await publicList(db, { region: flags.geo, year: Number(flags.year) }) : null,
      }));
      if (flags.json) {
        printJson({ region: flags.geo, ...result });
        return;
      }
      const out = [
        formatTable(
          result.published.map((p) => ({
            år: p.year,
            version: p.version,
            ursprung: p.origin,
            yrken: p.count,
            publicerad: p.publishedAt.slice(0, 10),
            ändring: p.changeNote ?? '',
          })),
        ),
      ];
      if (result.list) {
        out.push('', result.list.title);
        for (const r of result.list.rows)
          out.push(`  ${BAND_LABEL[r.seqfBand]}  ${r.field ?? ''}  ${r.name} (${r.ssyk})`);
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });

  priorities
    .command('import')
    .description(
      'Importera och publicera en lista från före Semafor (CSV eller XLSX: year,seqf_band,field,occupation,ssyk)',
    )
    .argument('<fil>', 'CSV-fil (komma eller semikolon, BOM går bra) eller .xlsx (första bladet)')
    .requiredOption('--geo <id>', 'regionen, t.ex. county:21')
    .requiredOption('--year <år>', 'listans år')
    .option(
      '--resolve <titel=ssyk...>',
      'välj SSYK för en tvetydig eller okänd titel (kan upprepas), t.ex. "Undersköterska=5321"',
    )
    .option('--note <text>', 'ändringsnotering (när året redan har en publicerad version)')
    .option('--json', 'maskinläsbar utdata')
    .action(
      async (
        file: string,
        flags: { geo: string; year: string; resolve?: string[]; note?: string; json?: boolean },
      ) => {
        const resolutions: Record<string, string> = {};
        for (const r of flags.resolve ?? []) {
          const at = r.lastIndexOf('=');
          if (at <= 0) throw new CliError(`--resolve ska vara "titel=ssyk", inte "${r}"`);
          resolutions[r.slice(0, at).trim()] = r.slice(at + 1).trim();
        }
        // An .xlsx workbook is read as bytes (first sheet); anything else as CSV text.
        const isXlsx = file.toLowerCase().endsWith('.xlsx');
        const bytes = await readFile(file);
        const result = await context().withDatabase(({ db }) =>
          importPastList(
            db,
            {
              file: path.basename(file),
              ...(isXlsx ? { xlsx: new Uint8Array(bytes) } : { text: bytes.toString('utf8') }),
              region: flags.geo,
              year: Number(flags.year),
              resolutions,
              changeNote: flags.note ?? null,
            },
            { actorId: null },
            new Date(),
          ),
        );
        if (flags.json) printJson(result);
        else if (result.status === 'published')
          process.stdout.write(
            `Publicerade ${result.published.title}, version ${result.published.version}: ${result.published.count} yrken (${result.given} med SSYK i filen, ${result.matched} matchade, ${result.resolved} valda)\n`,
          );
        else {
          const lines = result.review.map(
            (r) =>
              `  rad ${r.line}: "${r.occupation}" (${r.status === 'ambiguous' ? 'tvetydig' : 'okänd'})${r.candidates.length ? `: ${r.candidates.map((c) => `${c.ssyk} ${c.label}`).join('; ')}` : ''}`,
          );
          process.stdout.write(
            `Inget publicerat: ${result.review.length} titlar behöver granskas. Välj med --resolve "titel=ssyk":\n${lines.join('\n')}\n`,
          );
        }
        if (result.status === 'review') process.exitCode = 65;
      },
    );
}
