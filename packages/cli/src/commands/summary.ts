// `strata summary <model>`: loads a saved model and prints its layer table.
import type { Command } from 'commander';
import * as st from 'strata';

export function registerSummary(program: Command): void {
  program
    .command('summary')
    .description('print the layers, output shapes and parameter counts of a saved model')
    .argument('<model>', 'path to model.json (or its directory)')
    .action(async (modelPath: string) => {
      const model = await st.loadLayersModel(modelPath);
      model.summary();
      model.dispose();
    });
}
