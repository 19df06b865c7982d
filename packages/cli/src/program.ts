// The `strata` command line: one subcommand per file under commands/.
import { Command } from 'commander';
import * as st from 'strata';
import { registerBackends } from './commands/backends.js';
import { registerConvert } from './commands/convert.js';
import { registerSummary } from './commands/summary.js';
import { registerTrain } from './commands/train.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('strata')
    .description('Strata: Keras-style deep learning for TypeScript')
    .version(st.version)
    .showHelpAfterError();
  registerTrain(program);
  registerSummary(program);
  registerBackends(program);
  registerConvert(program);
  return program;
}
