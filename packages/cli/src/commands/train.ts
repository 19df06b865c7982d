// `strata train <recipe>`: trains a built-in recipe, saves it, prints held-out accuracy.
import type { Command } from 'commander';
import * as st from 'strata';
import { trainMnistMlp } from '../recipes/mnist-mlp.js';
import { registerOptionalBackends } from './backends.js';
import { parseNonNegativeInt, parsePositiveInt, parsePositiveNumber } from '../parse.js';

const RECIPES = ['mnist-mlp'] as const;

type TrainOptions = {
  epochs: number;
  batchSize: number;
  learningRate: number;
  backend: string;
  out: string;
  verbose: number;
};

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train a built-in recipe on real data, save it and print its held-out accuracy')
    .argument('<recipe>', `one of: ${RECIPES.join(', ')}`)
    .option('--epochs <n>', 'training epochs', parsePositiveInt, 15)
    .option('--batch-size <n>', 'samples per batch', parsePositiveInt, 64)
    .option('--learning-rate <x>', 'Adam learning rate', parsePositiveNumber, 0.001)
    .option('--backend <name>', "backend: 'auto', 'cpu', 'wasm', or a registered one", 'auto')
    .option('--out <dir>', 'where to save the model (tfjs layers-model format)', './models/mnist-mlp')
    .option('--verbose <0|1|2>', '0 silent, 1 progress bar, 2 one line per epoch', parseNonNegativeInt, 1)
    .action(async (recipe: string, options: TrainOptions) => {
      if (!RECIPES.includes(recipe as (typeof RECIPES)[number])) {
        throw new st.ValueError(`Unknown recipe '${recipe}'. Expected one of: ${RECIPES.join(', ')}.`);
      }
      await registerOptionalBackends();
      const backend = await st.useBackend(options.backend);
      console.log(`Training ${recipe} on backend '${backend}' (MNIST: 8,000 train / 2,000 held-out digits)`);
      const result = await trainMnistMlp({
        epochs: options.epochs,
        batchSize: options.batchSize,
        learningRate: options.learningRate,
        verbose: Math.min(options.verbose, 2) as 0 | 1 | 2,
      });
      await result.model.save(`file://${options.out}`);
      console.log(`Saved to ${options.out}/model.json`);
      console.log(
        `Held-out accuracy: ${(result.testAccuracy * 100).toFixed(2)}% (loss ${result.testLoss.toFixed(4)}), ` +
          `trained in ${result.trainSeconds.toFixed(1)} s`,
      );
      result.model.dispose();
    });
}
