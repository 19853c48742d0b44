import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { swedishDate } from '../../core/calendar/swedish-date.js';
import { educationOffers } from '../../modules/education/education.service.js';
import { educationGaps } from '../../modules/education/education-gaps.service.js';
import {
  evidenceDocx,
  evidencePdf,
  type PackLanguage,
} from '../../modules/education/evidence-pack.render.js';
import { evidencePack } from '../../modules/education/evidence-pack.service.js';
import { importOfferFile } from '../../modules/education/offer-import.service.js';
import {
  geographyNeedCounts,
  geographyNeededPeople,
  regionPriorityList,
} from '../../modules/education/priority-context.service.js';
import { requireOrganisation } from '../../modules/users/users.service.js';
import type { CliContext } from '../context.js';
import { CliError, formatTable, printJson } from '../output.js';

/** `semafor education gaps|offers` and `semafor evidence-pack`: education supply, gaps and the YH evidence pack. */
export function registerEducationCommands(program: Command, context: () => CliContext): void {
  const education = program.command('education').description('Utbildningsutbud och utbildningsgap');

  education
    .command('gaps')
    .description('Vägar till utbildning och gap per bristyrke, t.ex. --geo county:21 --round 18H')
    .requiredOption('--geo <id>', 'geografi, t.ex. county:21')
    .option('--round <id>', 'signalomgång (standard: bredaste täckningen)')
    .option('--json', 'maskinläsbar utdata (samma rader som GET /api/education/gaps)')
    .action(async (flags: { geo: string; round?: string; json?: boolean }) => {
      const report = await context().withDatabase(async ({ db }) =>
        educationGaps(db, {
          geo: flags.geo,
          round: flags.round,
          priorities: await regionPriorityList(db, flags.geo, flags.round),
          employerNeeds: await geographyNeededPeople(db, flags.geo, swedishDate(new Date())),
        }),
      );
      if (flags.json) {
        printJson(report);
        return;
      }
      process.stdout.write(
        `${formatTable(
          report.rows.map((r) => ({
            ssyk: r.ssyk,
            yrke: r.name,
            seqf: r.seqfBand ?? '',
            signal: r.signalClass,
            'i regionen': r.routes.inRegion,
            distans: r.routes.distance,
            gap: r.gap ? 'GAP' : '',
            behov: r.estimatedNeed ?? '',
            platser: r.placesInRegion ?? '',
            not: r.notPrimarilyEducation ? 'inte främst en utbildningsfråga' : '',
          })),
        )}\n${report.rows.length} yrken, ${report.rows.filter((r) => r.gap).length} gap (${report.round.label}; underlag: ${report.basis})\n`,
      );
    });

  education
    .command('offers')
    .description('Utbildningar i en geografi med deras yrkeskoppling')
    .requiredOption('--geo <id>', 'geografi, t.ex. county:21')
    .option('--ssyk <kod>', 'bara utbildningar mot yrket')
    .option('--form <form>', 'komvux, yrkesvux, yh, folkhogskola, university, other')
    .option('--distance <val>', 'true (även distans i hela landet), false, only')
    .option('--json', 'maskinläsbar utdata')
    .action(
      async (flags: { geo: string; ssyk?: string; form?: string; distance?: string; json?: boolean }) => {
        const offers = await context().withDatabase(({ db }) =>
          educationOffers(db, {
            geo: flags.geo,
            ssyk: flags.ssyk,
            form: flags.form as never,
            distance: flags.distance as never,
          }),
        );
        if (flags.json) {
          printJson({ offers });
          return;
        }
        process.stdout.write(
          `${formatTable(
            offers.map((o) => ({
              id: o.id,
              namn: o.name,
              anordnare: o.provider,
              form: o.form,
              distans: o.distance ? 'ja' : '',
              kommuner: o.municipalities.map((m) => m.name ?? m.code).join(', '),
              yrken: o.occupations.map((x) => `${x.ssyk} (${x.confidence})`).join(', '),
            })),
          )}\n${offers.length} utbildningar\n`,
        );
      },
    );

  education
    .command('import')
    .description(
      'Importera lokala utbildningar från mallen (CSV eller XLSX; GET /api/education/offers/template). Hela filen eller inget.',
    )
    .argument('<fil>', 'mallen ifylld, .xlsx eller .csv')
    .requiredOption(
      '--org <id>',
      'organisationen som lägger in, t.ex. county:21, municipality:2180 eller ett lärcentrum',
    )
    .option('--dry-run', 'kontrollera och visa vad som skulle hända, spara inget')
    .option(
      '--resolve <titel=ssyk...>',
      'välj SSYK för en tvetydig eller okänd yrkestitel (kan upprepas), t.ex. "Undersköterska=5321"',
    )
    .option('--json', 'maskinläsbar utdata (samma som POST /api/education/offers/import)')
    .action(
      async (file: string, flags: { org: string; dryRun?: boolean; resolve?: string[]; json?: boolean }) => {
        const resolutions: Record<string, string> = {};
        for (const r of flags.resolve ?? []) {
          const at = r.lastIndexOf('=');
          if (at <= 0) throw new CliError(`--resolve ska vara "titel=ssyk", inte "${r}"`);
          resolutions[r.slice(0, at).trim()] = r.slice(at + 1).trim();
        }
        const bytes = await readFile(file).catch(() => {
          throw new CliError(`Filen kan inte läsas: ${file}`);
        });
        const report = await context().withDatabase(async ({ db }) => {
          const org = await requireOrganisation(db, flags.org);
          if (!org.regionId) throw new CliError(`Organisationen ${flags.org} hör inte till någon region`);
          // The CLI is run by the operator on the server: it acts for the organisation's region, audited as such.
          const input = { file: path.basename(file), bytes, regionId: org.regionId, resolutions };
          const writer = {
            regions: new Set([org.regionId]),
            audit: { actorId: null, organisationId: org.id },
          };
          // Check first so every problem is listed; write only an accepted file.
          const preview = await importOfferFile(db, { ...input, dryRun: true }, writer, new Date());
          if (flags.dryRun || !preview.accepted) return preview;
          return importOfferFile(db, { ...input, dryRun: false }, writer, new Date());
        });
        if (flags.json) printJson(report);
        else {
          const { counts } = report;
          const lines = [
            ...report.problems.map(
              (p) =>
                `  ${[p.file, p.row === undefined ? '' : `rad ${p.row}`, p.column ? `kolumn "${p.column}"` : ''].filter(Boolean).join(', ')}: ${p.message}`,
            ),
            ...report.review.map(
              (r) =>
                `  rad ${r.row}: "${r.title}" (${r.status === 'ambiguous' ? 'tvetydig' : 'okänd'})${r.candidates.length ? `: ${r.candidates.map((c) => `${c.ssyk} ${c.label}`).join('; ')}` : ''}`,
            ),
          ];
          const what = `${counts.create} nya, ${counts.update} ändrade, ${counts.unchanged} oförändrade`;
          process.stdout.write(
            report.written
              ? `Importerade ${report.file} till ${report.regionId}: ${what}\n`
              : report.accepted
                ? `Provkörning: ${what} (inget sparat)\n`
                : `Inget sparat: ${report.problems.length} fel och ${report.review.length} titlar att granska (välj med --resolve "titel=ssyk"):\n${lines.join('\n')}\n`,
          );
        }
        if (!report.accepted) process.exitCode = 65;
      },
    );

  program
    .command('evidence-pack')
    .description('YH-underlag för ett eller flera yrken i en region som PDF eller DOCX')
    .requiredOption('--geo <id>', 'region, t.ex. county:21')
    .requiredOption('--ssyk <kod...>', 'SSYK-4, en eller flera (--ssyk 3113 --ssyk 3114)')
    .requiredOption('--out <fil>', 'FIL.pdf eller FIL.docx')
    .option('--lang <sv|en>', 'underlagets språk (namn från källorna står på svenska)', 'sv')
    .option('--json', 'maskinläsbar sammanfattning')
    .action(async (flags: { geo: string; ssyk: string[]; out: string; lang: string; json?: boolean }) => {
      const ext = path.extname(flags.out).toLowerCase();
      if (ext !== '.pdf' && ext !== '.docx') throw new CliError('--out ska sluta på .pdf eller .docx');
      if (flags.lang !== 'sv' && flags.lang !== 'en') throw new CliError('--lang ska vara sv eller en');
      const codes = flags.ssyk.flatMap((s) => s.split(',')).map((s) => s.trim());
      const now = new Date();
      const pack = await context().withDatabase(async ({ db }) =>
        evidencePack(db, {
          geo: flags.geo,
          ssyk: codes,
          now,
          priorities: await regionPriorityList(db, flags.geo),
          needCounts: await geographyNeedCounts(db, flags.geo, swedishDate(now)),
        }),
      );
      const lang = flags.lang as PackLanguage;
      const bytes = ext === '.pdf' ? await evidencePdf(pack, lang) : await evidenceDocx(pack, lang);
      await writeFile(flags.out, bytes);
      const summary = {
        out: path.resolve(flags.out),
        bytes: bytes.length,
        geo: pack.geography.id,
        ssyk: codes,
      };
      if (flags.json) printJson(summary);
      else process.stdout.write(`Skrev ${summary.out} (${summary.bytes} byte)\n`);
    });
}
