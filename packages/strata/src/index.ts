// The public API of Strata: `import * as st from 'strata'`.
import './layers/register.js';
import './initializers/register.js';
import './losses/register.js';
import './metrics/register.js';
import './optimizers/register.js';
import './regularizers/register.js';
import './constraints/register.js';

export { tf } from './runtime/tf.js';
export type { Tensor, Shape, DataType } from './runtime/tf.js';
export * from './errors.js';
export { STRATA_VERSION as version } from './version.js';

// Engine
export { Layer, type LayerArgs, type LayerConfig, type CallOptions, type AddWeightOptions } from './engine/layer.js';
export { InputSpec, type InputSpecArgs } from './engine/input-spec.js';
export { SymbolicTensor, Node } from './engine/symbolic-tensor.js';
export { Weight } from './engine/weight.js';
export { Model } from './engine/model.js';
export { Sequential, sequential, type SequentialArgs } from './engine/sequential.js';
export { Functional, model, input, type FunctionalArgs, type InputArgs } from './engine/functional.js';

// Layers (tfjs-layers factory names)
export * as layers from './layers/index.js';

// Building blocks, by family (as tfjs-layers: st.initializers.glorotUniform(), st.losses...)
export * as activations from './activations/index.js';
export { getActivation, serializeActivation, type ActivationIdentifier, type ActivationName } from './activations/index.js';
export { Initializer, getInitializer, type InitializerIdentifier } from './initializers/index.js';
export { Loss, getLoss, type LossIdentifier, type LossFunction } from './losses/index.js';
export { Metric, getMetric, type MetricIdentifier } from './metrics/index.js';
export { BaseOptimizer, SGD, Adam, AdamW, Adagrad, Adadelta, Adamax, Nadam, RMSprop, Lion, getOptimizer } from './optimizers/index.js';
export type { LearningRate, LearningRateSchedule } from './optimizers/index.js';
export * as initializers from './initializers/index.js';
export * as losses from './losses/index.js';
export * as metrics from './metrics/index.js';
export * as optimizers from './optimizers/index.js';
export * as train from './train.js';
export * as regularizers from './regularizers/index.js';
export * as constraints from './constraints/index.js';
export * as callbacks from './training/callbacks/index.js';
export type { Regularizer, RegularizerIdentifier } from './regularizers/index.js';
export type { Constraint, ConstraintIdentifier } from './constraints/index.js';

// Backends
export {
  registerBackend,
  useBackend,
  listBackends,
  activeBackend,
  type Backend,
  type ProbeResult,
  type BackendListing,
} from './backend/index.js';

// Training
export type { CompileArgs, OptimizerIdentifier } from './training/compile.js';
export type { FitArgs, FitDatasetArgs, EvaluateArgs, EvaluateDatasetArgs, PredictArgs, ValidationData, CallbacksArg } from './training/fit-args.js';
export type { BatchSource, BatchElement, BatchTensors, DatasetLike } from './training/batch-source.js';
export type { Batch } from './training/data-adapter.js';
export type { ClassWeight } from './training/class-weight.js';
export type { StepLogs } from './training/step-model.js';
export type { Gradients, OptimizerLike } from './training/gradients.js';
export type { GradientOptions } from './engine/model.js';
export type { YieldEvery } from './training/yield-every.js';
export { Callback, CallbackList, type Logs, type BatchLogs, type TrainingParams } from './training/callbacks/callback.js';
export { History } from './training/callbacks/history.js';
export { ProgressBar, type ProgressBarOptions } from './training/callbacks/progress-bar.js';
export {
  EarlyStopping,
  ModelCheckpoint,
  ReduceLROnPlateau,
  LearningRateScheduler,
  CSVLogger,
  TerminateOnNaN,
  TensorBoard,
  LambdaCallback,
  CustomCallback,
  type CustomCallbackArgs,
  type CallbackModel,
} from './training/callbacks/index.js';
export { registerFunction, registeredFunctionNames, type LambdaFunction } from './layers/core/function-layer.js';

// Saving
export {
  registerClass,
  serialize,
  deserialize,
  type Serializable,
  type SerializableClass,
  type SerializedObject,
  type JsonObject,
} from './saving/serialization.js';
export {
  loadModel,
  loadLayersModel,
  saveModel,
  modelToBytes,
  modelFromBytes,
  type ModelFormat,
  type SaveOptions,
  type LoadOptions,
} from './saving/save-load.js';
export type { Quantization } from './saving/formats/weight-codec.js';
export * as io from './saving/io/index.js';
export { FileSystemHandler, fileSystem } from './saving/io/file-handler.js';
