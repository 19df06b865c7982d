// Registers the recurrent layers and cells for deserialization by class name.
import { registerClass } from '../../saving/serialization.js';
import { Bidirectional } from './bidirectional.js';
import { ConvLSTM2D } from './conv-lstm2d.js';
import { ConvLSTM2DCell } from './conv-lstm2d-cell.js';
import { GRU } from './gru.js';
import { GRUCell } from './gru-cell.js';
import { LSTM } from './lstm.js';
import { LSTMCell } from './lstm-cell.js';
import { RNN } from './rnn.js';
import { SimpleRNN } from './simple-rnn.js';
import { SimpleRNNCell } from './simple-rnn-cell.js';
import { StackedRNNCells } from './stacked-rnn-cells.js';
import { TimeDistributed } from './time-distributed.js';

for (const cls of [
  SimpleRNNCell, LSTMCell, GRUCell, StackedRNNCells, ConvLSTM2DCell,
  RNN, SimpleRNN, LSTM, GRU, ConvLSTM2D, Bidirectional, TimeDistributed,
]) {
  registerClass(cls);
}
