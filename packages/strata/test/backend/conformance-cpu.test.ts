// The conformance suite on cpu, the reference backend: op gradients against finite differences,
// and the MLP/CNN/LSTM fits lower their loss.
import { conformanceSuite } from '@strata/testing';

await conformanceSuite({ backend: 'cpu' });
