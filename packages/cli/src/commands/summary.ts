// `strata summary <model>`: loads a saved model in any supported format and prints its layer table.
import type { Command } from 'commander';
import * as st from 'strata';

export function registerSummary(program: Command): void {
  program
    .command('summary')
    .description('print the layers, output shapes and parameter counts of a saved model')
    .argument('<model>', 'model directory or model.json (tfjs), .keras or .h5 file')
    .action(async (modelPath: string) => {
      const model = await st.loadModel(modelPath, { compile: false });
      model.summary();
      model.dispose();
    });
}
