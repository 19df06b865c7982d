// `strata convert <in> <out>`: converts a saved model between the tfjs layers-model format (a
// directory with model.json), Keras 3 .keras and legacy Keras .h5. The input format is detected;
// the output format comes from --format or the output's extension (.keras, .h5, else tfjs).
import { InvalidArgumentError, type Command } from 'commander';
import * as st from 'strata';

type ConvertOptions = { format?: st.ModelFormat; quantize?: st.Quantization; includeOptimizer?: boolean };

const FORMATS: readonly st.ModelFormat[] = ['tfjs', 'keras', 'h5'];
const QUANTIZATIONS: readonly st.Quantization[] = ['float16', 'uint8', 'uint16'];

function oneOf<T extends string>(allowed: readonly T[], what: string) {
  return (value: string): T => {
    if (!allowed.includes(value as T)) throw new InvalidArgumentError(`expected ${what} ${allowed.join(', ')}; found '${value}'.`);
    return value as T;
  };
}

/** Converts `input` to `output`; returns a one-line report. */
export async function convertModel(input: string, output: string, options: ConvertOptions = {}): Promise<string> {
  const model = await st.loadModel(input);
  try {
    const includeOptimizer = options.includeOptimizer === true && model.optimizer !== null;
    await model.save(output, { format: options.format, quantize: options.quantize ?? null, includeOptimizer });
    const params = model.countParams().toLocaleString('en-US');
    return `Converted '${input}' → '${output}' (${options.format ?? 'format from the extension'}; ${model.layers.length} layers, ${params} parameters${includeOptimizer ? ', with optimizer state' : ''}).`;
  } finally {
    model.dispose();
  }
}

export function registerConvert(program: Command): void {
  program
    .command('convert')
    .description('convert a saved model between tfjs (model.json directory), Keras .keras and .h5')
    .argument('<in>', 'model directory / model.json, .keras or .h5 file')
    .argument('<out>', 'output directory (tfjs), or a .keras / .h5 file')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')} (default: from <out>'s extension)`, oneOf(FORMATS, 'one of'))
    .option('-q, --quantize <dtype>', `tfjs output only: quantize weights to ${QUANTIZATIONS.join(', ')}`, oneOf(QUANTIZATIONS, 'one of'))
    .option('--include-optimizer', 'keep the optimizer state when the input has one')
    .action(async (input: string, output: string, options: ConvertOptions) => {
      console.log(await convertModel(input, output, options));
    });
}
