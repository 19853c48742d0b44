import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import {
  classLabels,
  findMethod,
  methods,
  outlookLabels,
  SIGNAL_CLASSES,
  type SignalClass,
} from '../../core/signals/index.js';
import { compareMethods } from '../../modules/signals/signal-compare.service.js';
import { explainSignal } from '../../modules/signals/signal-detail.service.js';
import { listSignals } from '../../modules/signals/signal-list.service.js';
import { computeSignals } from '../../modules/signals/signals.service.js';
import type { CliContext } from '../context.js';
import { CliError, formatTable, printJson } from '../output.js';

interface SignalsFlags {
  geo: string;
  field?: string;
  seqf?: string;
  class?: string;
  round?: string;
  method?: string;
  format?: string;
  json?: boolean;
}

const SEQF = ['4', '5-6', '6-8', 'none'];
const fmtScore = (v: number | null): string => (v === null ? '' : v.toFixed(2).replace('.', ','));

/** `semafor signals`, `semafor explain` and `semafor compute`. */
export function registerSignalsCommands(program: Command, context: () => CliContext): void {
  async function compare(flags: { geo: string; methods?: string; round?: string; json?: boolean }) {
    const versions = (flags.methods ?? 'v1,v2').split(',').map((v) => v.trim());
    const unknown = versions.filter((v) => !findMethod(v));
    if (versions.length !== 2 || unknown.length > 0) {
      throw new CliError(
        `--methods ska vara två av ${methods.map((m) => m.version).join(', ')}, t.ex. v1,v2`,
        64,
      );
    }
    const ctx = context();
    const result = await ctx.withDatabase(({ db }) =>
      compareMethods(db, { geo: flags.geo, methods: versions, round: flags.round }),
    );
    if (flags.json) {
      printJson(result);
      return;
    }
    const [va = '', vb = ''] = result.methods;
    const side = (c: (typeof result.changed)[number], v: string): string => {
      const s = c.methods[v];
      if (!s) return '';
      return `${classLabels[s.signalClass].sv}${s.watch ? ' (bevaka)' : ''} ${fmtScore(s.score)}`.trim();
    };
    const rows = result.changed.map((c) => ({
      ssyk: c.ssyk,
      yrke: c.label.sv,
      [va]: side(c, va),
      [vb]: side(c, vb),
      varför: c.why.sv,
    }));
    const needs = Object.entries(result.needs)
      .filter(([, w]) => w !== null)
      .map(([v, w]) => `${v}: arbetsgivarbehov ${w?.since}–${w?.until}`)
      .join('; ');
    process.stdout.write(
      `${result.geography.id}, omgång ${result.roundId}, ${va} mot ${vb}${needs ? ` (${needs})` : ''}: ${result.classChanged} yrken byter klass, ${result.scoreChanged} bara poäng, ${result.unchanged} oförändrade\n${rows.length > 0 ? `${formatTable(rows)}\n` : ''}`,
    );
  }

  program
    .command('signals')
    .description(
      'Visa signalen för varje yrke i ett område (brist, balans, överskott, paradox, otillräckligt underlag)',
    )
    .requiredOption('--geo <id>', 'geografi, t.ex. county:21, fa:36, country:SE, area:sodra-halsingland')
    .option('--field <namn>', 'yrkesområde, t.ex. "Bygg och anläggning"')
    .option('--seqf <band>', 'SeQF-band: 4, 5-6, 6-8 eller none')
    .option('--class <klass>', `klass: ${SIGNAL_CLASSES.join(', ')}`)
    .option(
      '--round <id>',
      'omgång, t.ex. 18H eller 2026-1 (standard: den som har flest bedömda yrken för geografins nivå)',
    )
    .option('--method <version>', 'metodversion: v1 (standard) eller v2 (räknar in arbetsgivarsignaler)')
    .option(
      '--methods <a,b>',
      'med "compare": två metodversioner sida vid sida (standard v1,v2): yrken vars klass eller poäng skiljer sig, och varför',
    )
    .option('--format <format>', 'table, json eller csv', 'table')
    .option('--json', 'maskinläsbar utdata (samma som --format json)')
    // `semafor signals compare --methods v1,v2 --geo county:21`: an argument, not a subcommand, so both share
    // `--geo` (commander gives a parent's options to the parent unless positional options are enabled program-wide).
    .argument('[compare]', 'compare: jämför två metodversioner (se --methods)')
    .action(async (what: string | undefined, flags: SignalsFlags & { methods?: string }) => {
      if (what !== undefined) {
        if (what !== 'compare') throw new CliError(`Okänt: ${what}. Menade du "compare"?`, 64);
        await compare(flags);
        return;
      }
      if (flags.seqf && !SEQF.includes(flags.seqf))
        throw new CliError(`--seqf ska vara ${SEQF.join(', ')}`, 64);
      if (flags.class && !SIGNAL_CLASSES.includes(flags.class as SignalClass)) {
        throw new CliError(`--class ska vara ${SIGNAL_CLASSES.join(', ')}`, 64);
      }
      const format = flags.json ? 'json' : (flags.format ?? 'table');
      if (!['table', 'json', 'csv'].includes(format))
        throw new CliError('--format ska vara table, json eller csv', 64);
      const ctx = context();
      const result = await ctx.withDatabase(({ db }) =>
        listSignals(db, {
          geo: flags.geo,
          field: flags.field,
          seqf: flags.seqf,
          signalClass: flags.class as SignalClass | undefined,
          round: flags.round,
          method: flags.method,
        }),
      );
      if (format === 'json') {
        printJson(result);
        return;
      }
      const rows = result.signals.map((s) => ({
        ssyk: s.ssyk,
        yrke: s.label.sv,
        yrkesområde: s.fieldId === null ? '' : (result.fields[s.fieldId]?.sv ?? ''),
        seqf: s.seqf ?? '',
        klass: classLabels[s.signalClass].sv + (s.watch ? ' (bevaka)' : ''),
        poäng: fmtScore(s.score),
        utsikt: s.outlook ? outlookLabels[s.outlook as keyof typeof outlookLabels].sv : '',
        säkerhet: s.confidence,
        omgång: result.round.roundId,
      }));
      if (format === 'csv') {
        process.stdout.write(stringify(rows, { header: true }));
        return;
      }
      const needs = result.needs ? `; arbetsgivarbehov ${result.needs.since}–${result.needs.until}` : '';
      process.stdout.write(
        `${result.geography.id}, omgång ${result.round.roundId} (${result.round.label}${result.roundChoice === 'widest_coverage' ? ', standard: flest bedömda yrken' : ''}), metod ${result.methodVersion}${needs}: ${result.total} yrken\n${formatTable(rows)}\n`,
      );
    });

  program
    .command('explain')
    .description(
      'Förklara en signal: varje indikator med värde, källa, period och hur den påverkade resultatet',
    )
    .requiredOption('--geo <id>', 'geografi, t.ex. county:21')
    .requiredOption('--ssyk <kod>', 'SSYK-4, t.ex. 7114')
    .option('--round <id>', 'omgång (standard: den som har flest bedömda yrken för geografins nivå)')
    .option('--method <version>', 'metodversion (standard: aktuell)')
    .option('--lang <sv|en>', 'språk', 'sv')
    .option('--json', 'maskinläsbar utdata')
    .action(
      async (flags: {
        geo: string;
        ssyk: string;
        round?: string;
        method?: string;
        lang: string;
        json?: boolean;
      }) => {
        const ctx = context();
        const detail = await ctx.withDatabase(({ db }) =>
          explainSignal(db, { geo: flags.geo, ssyk: flags.ssyk, round: flags.round, method: flags.method }),
        );
        if (flags.json) {
          printJson(detail);
          return;
        }
        const lang = flags.lang === 'en' ? 'en' : 'sv';
        const s = detail.signal;
        const lines = [
          `${detail.ssyk} ${lang === 'en' ? (detail.label.en ?? detail.label.sv) : detail.label.sv} — ${detail.geographyId}, ${lang === 'en' ? 'round' : 'omgång'} ${detail.round.roundId}, ${lang === 'en' ? 'method' : 'metod'} ${s.methodVersion} (${s.methodHash})`,
          s.explanation.summary[lang],
          '',
          formatTable(
            s.explanation.indicators.map((i) => ({
              indikator: i.label[lang],
              värde: i.display[lang],
              källa: i.sourceId,
              period: i.period,
              poäng: i.score === null ? '–' : fmtScore(i.score),
              vikt: i.weight,
              bidrag: i.contribution === null ? '' : fmtScore(i.contribution),
              effekt: i.effect,
              skattad: i.estimated ? 'ja' : '',
            })),
          ),
          '',
          `${lang === 'en' ? 'Evidence' : 'Underlag'}: ${s.evidence.reason[lang]}`,
          `${lang === 'en' ? 'Outlook' : 'Utsikt'}: ${s.outlook ? outlookLabels[s.outlook][lang] : '–'} ${s.explanation.outlook.map((o) => `(${o.display[lang]}, ${o.sourceId} ${o.period})`).join(' ')}`,
          `${lang === 'en' ? 'Confidence' : 'Säkerhet'}: ${s.confidence}/5 — ${s.explanation.confidence.map((f) => f.text[lang]).join(' ')}`,
          `${lang === 'en' ? 'Drivers' : 'Drivkrafter'}: ${s.drivers.map((d) => d.label[lang]).join('; ') || '–'}`,
        ];
        const c = s.explanation.context;
        if (c.employees)
          lines.push(
            `${lang === 'en' ? 'Employees' : 'Anställda'} ${c.employees.year}: ${c.employees.value}${c.employees.estimated ? (lang === 'en' ? ' (estimated)' : ' (skattat)') : ''}`,
          );
        if (c.retirements) {
          lines.push(
            `${lang === 'en' ? 'Estimated retirements' : 'Skattade pensionsavgångar'}: ${c.retirements.within5} ${lang === 'en' ? 'within 5 years' : 'inom 5 år'}, ${c.retirements.within10} ${lang === 'en' ? 'within 10 years' : 'inom 10 år'}`,
          );
        }
        if (s.explanation.members) {
          lines.push(
            `${lang === 'en' ? 'Members with data' : 'Medlemmar med data'}: ${s.explanation.members.withData.length}; ${lang === 'en' ? 'without' : 'utan'}: ${s.explanation.members.without.join(', ') || '–'}`,
          );
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      },
    );

  program
    .command('compute')
    .description(
      'Beräkna signalerna för alla omgångar, yrken och geografier (hoppar över oförändrade omgångar)',
    )
    .option('--round <id...>', 'bara dessa omgångar')
    .option('--force', 'beräkna om även oförändrade omgångar')
    .option(
      '--method <version>',
      'metodversion: v1 (standard) eller v2 (läser arbetsgivarbehoven de senaste 12 månaderna)',
    )
    .option('--json', 'maskinläsbar sammanfattning')
    .action(async (flags: { round?: string[]; force?: boolean; method?: string; json?: boolean }) => {
      const method = flags.method ? findMethod(flags.method) : undefined;
      if (flags.method && !method) {
        throw new CliError(`--method ska vara ${methods.map((m) => m.version).join(' eller ')}`, 64);
      }
      const ctx = context();
      const summary = await ctx.withDatabase((database) =>
        computeSignals(database, { rounds: flags.round, force: flags.force, ...(method ? { method } : {}) }),
      );
      if (flags.json) {
        printJson(summary);
        return;
      }
      process.stdout.write(
        `${formatTable(
          summary.rounds.map((r) => ({
            omgång: r.roundId,
            status: r.status === 'computed' ? 'beräknad' : 'oförändrad',
            signaler: r.signals,
            brist: r.byClass.brist ?? '',
            balans: r.byClass.balans ?? '',
            överskott: r.byClass.overskott ?? '',
            paradox: r.byClass.paradox ?? '',
            otillräckligt: r.byClass.otillrackligt_underlag ?? '',
            sekunder: r.seconds.toFixed(2),
          })),
        )}\nMetod ${summary.methodVersion} (${summary.methodHash})${summary.needs ? `, arbetsgivarbehov ${summary.needs.since}–${summary.needs.until}` : ''}: ${summary.signals} signaler på ${summary.seconds.toFixed(2)} s\n`,
      );
    });
}
