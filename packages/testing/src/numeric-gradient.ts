// Finite differences in float32, and the rule that compares them with an analytic gradient.
//
// tfjs has no float64 on the CPU backend, so the objective is evaluated in float32 (relative
// rounding ~6e-8). With a step eps, rounding noise in a derivative is ~|f|·1e-7/eps and the
// truncation error of a central difference is ~eps²·|f'''|/6. eps = 1e-2 balances the two at
// ~1e-5..1e-4 for the O(1) objectives used here, so atol 1e-3 + rtol 2e-2 keeps a wide margin
// while a wrong gradient (a missing factor, a wrong sign, a dropped term) is still far outside it.
import { isClose, type Tolerance } from './assertions.js';

export const DEFAULT_EPS = 1e-2;
export const DEFAULT_GRADIENT_TOLERANCE: Required<Tolerance> = { atol: 1e-3, rtol: 2e-2 };

export type Differences = { central: number; forward: number; backward: number };

/**
 * Differences of `f` along one coordinate whose value is `x0`, which `set` writes. The steps
 * actually taken are measured in float32 (x0 ± eps is rounded when stored), not assumed.
 */
export function differences(f: () => number, set: (value: number) => void, x0: number, f0: number, eps: number): Differences {
  const up = Math.fround(x0 + eps);
  const down = Math.fround(x0 - eps);
  set(up);
  const fUp = f();
  set(down);
  const fDown = f();
  set(x0);
  return {
    central: (fUp - fDown) / (up - down),
    forward: (fUp - f0) / (up - x0),
    backward: (f0 - fDown) / (x0 - down),
  };
}

export type CoordinateVerdict = 'central' | 'one-sided' | 'mismatch';

/**
 * 'central' when the analytic derivative matches the central difference. Near a kink (relu at
 * 0, |x|, max) closer than the step, the central difference averages two slopes while the
 * one-sided difference on the side without the kink stays exact: 'one-sided' says only that one
 * matched (the gradient check then confirms at a smaller step).
 */
export function judge(analytic: number, d: Differences, tolerance: Tolerance): CoordinateVerdict {
  if (isClose(analytic, d.central, tolerance)) return 'central';
  if (isClose(analytic, d.forward, tolerance) || isClose(analytic, d.backward, tolerance)) return 'one-sided';
  return 'mismatch';
}

/** Up to `max` indices spread evenly over [0, count). */
export function sampleIndices(count: number, max: number): number[] {
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.floor((i * count) / max));
}
