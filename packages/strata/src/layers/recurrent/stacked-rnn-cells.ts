// StackedRNNCells: several cells run as one, each step feeding the next cell's input with the
// previous cell's output. States are the cells' states, flattened in order.
import type { Shape, Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import type { LayerArgs, LayerConfig } from '../../engine/layer.js';
import { deserialize, serialize, type JsonObject, type SerializedObject } from '../../saving/serialization.js';
import { RNNCell, type CellRun, type StepResult } from './rnn-cell.js';
import { buildInScope } from './weight-scope.js';

export type StackedRNNCellsArgs = LayerArgs & { cells: RNNCell[] };
export type StackedRNNCellsConfig = LayerConfig & { cells: SerializedObject[] };

export class StackedRNNCells extends RNNCell {
  static override readonly className = 'StackedRNNCells';
  readonly cells: RNNCell[];

  constructor(args: StackedRNNCellsArgs) {
    super(args);
    if (!Array.isArray(args.cells) || args.cells.length === 0 || args.cells.some((c) => !(c instanceof RNNCell))) {
      throw new ValueError(`StackedRNNCells '${this.name}': cells must be a non-empty array of RNN cells, found ${describe(args.cells)}.`);
    }
    this.cells = [...args.cells];
    this.subLayers.push(...this.cells);
  }

  /** The step input shape of each cell: the first cell's is the layer's, the others the output before them. */
  private inputShapes(stepInputShape: Shape): Shape[] {
    const shapes: Shape[] = [];
    let shape = stepInputShape;
    for (const cell of this.cells) {
      shapes.push(shape);
      shape = [shape[0], ...cell.outputShape(shape)];
    }
    return shapes;
  }

  stateShapes(stepInputShape: Shape): Shape[] {
    const inputs = this.inputShapes(stepInputShape);
    return this.cells.flatMap((cell, i) => cell.stateShapes(inputs[i]));
  }

  outputShape(stepInputShape: Shape): Shape {
    const inputs = this.inputShapes(stepInputShape);
    const last = this.cells.length - 1;
    return this.cells[last].outputShape(inputs[last]);
  }

  protected override buildStep(stepInputShape: Shape): void {
    const inputs = this.inputShapes(stepInputShape);
    // Weights are named 'RNNCell_<i>/kernel' under the layer, as tfjs-layers names them.
    this.cells.forEach((cell, i) => {
      if (!cell.built) buildInScope(this, cell, `RNNCell_${i}`, inputs[i]);
    });
  }

  override begin(stepInputShape: number[], training: boolean): CellRun {
    const inputs = this.inputShapes(stepInputShape) as number[][];
    const runs = this.cells.map((cell, i) => cell.begin(inputs[i], training));
    const counts = this.cells.map((cell, i) => cell.stateShapes(inputs[i]).length);
    return {
      prepare: (x) => runs[0].prepare(x),
      step: (prepared, states) => {
        const next: Tensor[] = [];
        let offset = 0;
        let result: StepResult | null = null;
        runs.forEach((run, i) => {
          const own = states.slice(offset, offset + counts[i]);
          offset += counts[i];
          result = run.step(i === 0 ? prepared : run.prepare(result!.output), own);
          next.push(...result.states);
        });
        return { output: result!.output, states: next };
      },
    };
  }

  step(input: Tensor, states: Tensor[], training: boolean): StepResult {
    const run = this.begin(input.shape, training);
    return run.step(run.prepare(input), states);
  }

  override getConfig(): JsonObject {
    const config: StackedRNNCellsConfig = { ...(super.getConfig() as LayerConfig), cells: this.cells.map((c) => serialize(c)) };
    return config;
  }

  static fromConfig(config: JsonObject): StackedRNNCells {
    const c = config as StackedRNNCellsConfig;
    const cells = (Array.isArray(c.cells) ? c.cells : []).map((s) => deserialize<RNNCell>(s, 'RNN cell'));
    return new StackedRNNCells({ ...c, cells });
  }
}

function describe(value: unknown): string {
  if (!Array.isArray(value)) return JSON.stringify(value) ?? String(value);
  return `[${value.map((v) => (v instanceof RNNCell ? v.getClassName() : typeof v)).join(', ')}]`;
}

export function stackedRNNCells(args: StackedRNNCellsArgs): StackedRNNCells {
  return new StackedRNNCells(args);
}
