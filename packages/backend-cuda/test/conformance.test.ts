// The conformance suite on CUDA (tfjs-node-gpu), compared with cpu; elsewhere one skipped test
// says why ("skipped: @tensorflow/tfjs-node-gpu is not installed ...").
import { conformanceSuite } from '@strata/testing';
import '../src/index.js';

// GPU matmuls may use TF32 or other summation orders; default tolerances apply until measured otherwise.
await conformanceSuite({ backend: 'cuda' });
