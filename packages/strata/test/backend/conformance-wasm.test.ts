// The conformance suite on wasm, compared with cpu. Every case must also run without a single
// kernel falling back to the cpu bridge: training (CNN included) runs on wasm itself.
import { conformanceSuite } from '@strata/testing';

await conformanceSuite({ backend: 'wasm', forbidCpuFallback: true });
