// st.layers.* of the recurrent family (classes and tfjs-layers-style factories).
export { RNNCell, type CellRun, type StepResult } from './rnn-cell.js';
export { KernelRNNCell, type KernelCellOptions } from './kernel-rnn-cell.js';
export { DenseRNNCell, type DenseCellArgs, type DenseCellOptions } from './dense-rnn-cell.js';
export { SimpleRNNCell, simpleRNNCell, type SimpleRNNCellArgs } from './simple-rnn-cell.js';
export { LSTMCell, lstmCell, type LSTMCellArgs } from './lstm-cell.js';
export { GRUCell, gruCell, type GRUCellArgs } from './gru-cell.js';
export { StackedRNNCells, stackedRNNCells, type StackedRNNCellsArgs } from './stacked-rnn-cells.js';
export { ConvLSTM2DCell, convLstm2dCell, type ConvLSTM2DCellArgs } from './conv-lstm2d-cell.js';
export { BaseRNN, type BaseRNNArgs, type RNNOptions } from './base-rnn.js';
export { RNN, rnn, type RNNArgs } from './rnn.js';
export { SimpleRNN, simpleRNN, type SimpleRNNArgs } from './simple-rnn.js';
export { LSTM, lstm, type LSTMArgs } from './lstm.js';
export { GRU, gru, type GRUArgs } from './gru.js';
export { ConvLSTM2D, convLstm2d, type ConvLSTM2DArgs } from './conv-lstm2d.js';
export { Bidirectional, bidirectional, type BidirectionalArgs, type MergeMode } from './bidirectional.js';
export { TimeDistributed, timeDistributed, type TimeDistributedArgs } from './time-distributed.js';
