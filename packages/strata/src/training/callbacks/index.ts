// st.callbacks.*: what fit / evaluate / predict call back into. Classes (Keras names) and
// tfjs-style factories (`st.callbacks.earlyStopping({...})`).
export { Callback, CallbackList, type Logs, type BatchLogs, type TrainingParams, type CallbackModel, type CallbackWeight } from './callback.js';
export { History } from './history.js';
export { ProgressBar, type ProgressBarOptions, type ProgressOutput } from './progress-bar.js';
export { EarlyStopping, earlyStopping, type EarlyStoppingArgs } from './early-stopping.js';
export { ModelCheckpoint, modelCheckpoint, type ModelCheckpointArgs } from './model-checkpoint.js';
export { ReduceLROnPlateau, reduceLROnPlateau, type ReduceLROnPlateauArgs } from './reduce-lr-on-plateau.js';
export {
  LearningRateScheduler,
  learningRateScheduler,
  type LearningRateSchedule,
  type LearningRateSchedulerArgs,
} from './learning-rate-scheduler.js';
export { CSVLogger, csvLogger, type CSVLoggerArgs } from './csv-logger.js';
export { TerminateOnNaN, terminateOnNaN } from './terminate-on-nan.js';
export { LambdaCallback, CustomCallback, lambdaCallback, type CustomCallbackArgs } from './lambda-callback.js';
export { TensorBoard, tensorBoard, type TensorBoardArgs } from './tensorboard.js';
export type { MonitorMode } from './monitor.js';
