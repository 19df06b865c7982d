// Lambda: a layer that applies a user function. A JS function cannot be written to a file, so
// functions are registered by name (`registerFunction('double', fn)`) and the layer's config
// holds that name; loading a model looks the name up again and fails clearly when the program
// has not registered it.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { UnknownNameError, ValueError, formatShape } from '../../errors.js';
import { Layer, type LayerArgs, type LayerConfig, type LayerInputs, type LayerOutputs } from '../../engine/layer.js';
import type { JsonObject, JsonValue } from '../../saving/serialization.js';

/** What a Lambda layer runs: its input(s) and the layer's `arguments` to output tensor(s). */
export type LambdaFunction = (inputs: Tensor | Tensor[], args: JsonObject) => Tensor | Tensor[];

const functions = new Map<string, LambdaFunction>();

/**
 * Registers `fn` under `name` so Lambda layers can use it and models holding them can be
 * saved and loaded. Registering a name again replaces the function. Returns the name.
 */
export function registerFunction(name: string, fn: LambdaFunction): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new ValueError(`registerFunction: the name must be a non-empty string, found ${JSON.stringify(name)}.`);
  }
  if (typeof fn !== 'function') {
    throw new ValueError(`registerFunction('${name}'): expected a function, found ${typeof fn}.`);
  }
  functions.set(name, fn);
  return name;
}

/** Names of the registered functions, sorted. */
export function registeredFunctionNames(): string[] {
  return [...functions.keys()].sort();
}

export type LambdaArgs = LayerArgs & {
  /** A registered function's name, or the registered function itself. */
  function: string | LambdaFunction;
  /**
   * Output shape without the batch axis. Omitted: inferred by running the function on zeros
   * (twice, with different sizes for unknown axes, so those stay unknown).
   */
  outputShape?: Shape | null;
  /** JSON values handed to the function as its second argument. */
  arguments?: JsonObject;
};

export type LambdaConfig = LayerConfig & {
  function: string;
  outputShape: Shape | null;
  arguments: JsonObject;
};

export class Lambda extends Layer {
  static override readonly className = 'Lambda';
  readonly functionName: string;
  readonly outputShape: Shape | null;
  readonly arguments: JsonObject;
  private readonly fn: LambdaFunction;

  constructor(args: LambdaArgs) {
    super(args);
    [this.functionName, this.fn] = resolveFunction(args.function as unknown, this.name);
    const outputShape = args.outputShape ?? null;
    if (outputShape !== null && (!Array.isArray(outputShape) || !outputShape.every((d) => d === null || (Number.isInteger(d) && d >= 0)))) {
      throw new ValueError(
        `Lambda '${this.name}': outputShape must list the output's sizes without the batch axis (non-negative integers or null), found ${JSON.stringify(outputShape)}.`,
      );
    }
    this.outputShape = outputShape ? [...outputShape] : null;
    this.arguments = args.arguments ?? {};
  }

  call(inputs: LayerInputs): LayerOutputs {
    return this.fn(inputs, this.arguments);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    if (this.outputShape) {
      const batch = (isShapeList(inputShape) ? inputShape[0] : inputShape)[0] ?? null;
      return [batch, ...this.outputShape];
    }
    return this.traceOutputShape(inputShape);
  }

  /** Runs the function on zeros twice, unknown sizes set to 2 then 3: sizes that change are unknown. */
  private traceOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const shapes = isShapeList(inputShape) ? inputShape : [inputShape];
    const trace = (fill: number): { list: boolean; shapes: number[][] } =>
      tf.tidy(() => {
        const zeros = shapes.map((s) => tf.zeros(s.map((d) => d ?? fill)));
        let out: Tensor | Tensor[];
        try {
          out = this.fn(isShapeList(inputShape) ? zeros : zeros[0], this.arguments);
        } catch (e) {
          throw new ValueError(
            `Lambda '${this.name}': could not infer the output shape of function '${this.functionName}' for input shape ` +
              `${shapes.map(formatShape).join(', ')} (${(e as Error).message}); give outputShape.`,
          );
        }
        const list = Array.isArray(out);
        return { list, shapes: (list ? (out as Tensor[]) : [out as Tensor]).map((t) => [...t.shape]) };
      });
    const first = trace(2);
    const second = trace(3);
    const inferred = first.shapes.map((s, i) => s.map((d, j) => (second.shapes[i][j] === d ? d : null)));
    return first.list ? inferred : inferred[0];
  }

  override getConfig(): JsonObject {
    const config: LambdaConfig = {
      ...(super.getConfig() as LayerConfig),
      function: this.functionName,
      outputShape: this.outputShape,
      arguments: this.arguments,
    };
    return config;
  }

  static fromConfig(config: JsonObject): Lambda {
    return new Lambda(config as LambdaConfig);
  }
}

function isShapeList(shape: Shape | Shape[]): shape is Shape[] {
  return shape.length > 0 && Array.isArray(shape[0]);
}

function resolveFunction(value: unknown, layerName: string): [string, LambdaFunction] {
  if (typeof value === 'function') {
    const name = [...functions.entries()].find(([, fn]) => fn === value)?.[0];
    if (!name) {
      throw new ValueError(
        `Lambda '${layerName}': the function is not registered. Register it first with ` +
          `st.registerFunction('someName', fn) so the layer can be saved and loaded, then pass the function or its name.`,
      );
    }
    return [name, value as LambdaFunction];
  }
  if (typeof value === 'string') {
    const fn = functions.get(value);
    if (!fn) {
      const error = new UnknownNameError('function', value, registeredFunctionNames());
      error.message =
        `Lambda '${layerName}': unknown function '${value}'. Register it with st.registerFunction('${value}', fn) ` +
        `before building or loading the model. Registered functions: ${registeredFunctionNames().join(', ') || '(none)'}.`;
      throw error;
    }
    return [value, fn];
  }
  // Keras writes a Lambda's function as Python bytecode (a list or object), which cannot run here.
  const found = value === undefined ? 'nothing' : `a ${Array.isArray(value) ? 'list' : typeof value} (${describe(value as JsonValue)})`;
  throw new ValueError(
    `Lambda '${layerName}': 'function' must be the name of a function registered with st.registerFunction(name, fn), ` +
      `found ${found}. Keras Lambda layers store Python code, which Strata cannot run: register a TypeScript equivalent ` +
      `and set the layer's 'function' to its name.`,
  );
}

function describe(value: JsonValue): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `st.layers.lambda({function: 'double'})`. */
export function lambda(args: LambdaArgs): Lambda {
  return new Lambda(args);
}
