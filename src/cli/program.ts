import { Command } from 'commander';
import { registerAreasCommand } from './commands/areas.js';
import { registerDbCommand } from './commands/db.js';
import { registerEducationCommands } from './commands/education.js';
import { registerImportCommand } from './commands/import.js';
import { registerLarcentraCommand } from './commands/larcentra.js';
import { registerLearnersCommand } from './commands/learners.js';
import { registerNeedsCommand } from './commands/needs.js';
import { registerPrioritiesCommand } from './commands/priorities.js';
import { registerRetentionCommand } from './commands/retention.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSignalsCommands } from './commands/signals.js';
import { registerSourcesCommand } from './commands/sources.js';
import { registerTokensCommand } from './commands/tokens.js';
import { registerUsersCommand } from './commands/users.js';
import { type CliContext, createCliContext } from './context.js';

/** Builds the `semafor` command tree; commands get their context lazily. */
export function buildProgram(): Command {
  let ctx: CliContext | undefined;
  const context = (): CliContext => {
    ctx ??= createCliContext();
    return ctx;
  };
  const program = new Command()
    .name('semafor')
    .description('Semafor – öppet signalsystem för regional kompetensförsörjning')
    .version('0.1.0')
    .showHelpAfterError();
  registerImportCommand(program, context);
  registerSourcesCommand(program, context);
  registerServeCommand(program, context);
  registerDbCommand(program, context);
  registerSignalsCommands(program, context);
  registerAreasCommand(program, context);
  registerLarcentraCommand(program, context);
  registerUsersCommand(program, context);
  registerTokensCommand(program, context);
  registerPrioritiesCommand(program, context);
  registerEducationCommands(program, context);
  registerRetentionCommand(program, context);
  registerLearnersCommand(program, context);
  registerNeedsCommand(program, context);
  return program;
}
