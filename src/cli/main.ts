import { describeCliError } from './output.js';
import { buildProgram } from './program.js';

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  const { message, exitCode } = describeCliError(error);
  if (message) process.stderr.write(`semafor: ${message}\n`);
  process.exit(exitCode);
}
