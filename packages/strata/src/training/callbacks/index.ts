// st.callbacks.*: what `fit` calls back into.
export { Callback, CallbackList, type Logs, type BatchLogs, type TrainingParams, type CallbackModel } from './callback.js';
export { History } from './history.js';
export { ProgressBar, type ProgressBarOptions, type ProgressOutput } from './progress-bar.js';
