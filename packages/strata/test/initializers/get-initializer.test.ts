import { describe, expect, it } from 'vitest';
import { tf, type DataType, type Tensor } from '../../src/runtime/tf.js';
import {
  BUILTIN_INITIALIZERS,
  Constant,
  GlorotUniform,
  HeNormal,
  Identity,
  Initializer,
  LecunUniform,
  Orthogonal,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  VarianceScaling,
  Zeros,
  getInitializer,
  knownInitializerNames,
  toVarianceScaling,
} from '../../src/initializers/index.js';
import * as factories from '../../src/initializers/factories.js';
import '../../src/initializers/register.js';
import { getRegisteredClass, registerClass, serialize } from '../../src/saving/serialization.js';
import { UnknownNameError, ValueError } from '../../src/errors.js';
import { values } from './helpers.js';

describe('getInitializer by name', () => {
  const cases: [string, string][] = [
    // tfjs-layers identifiers
    ['zeros', 'Zeros'],
    ['ones', 'Ones'],
    ['glorotUniform', 'GlorotUniform'],
    ['glorotNormal', 'GlorotNormal'],
    ['heNormal', 'HeNormal'],
    ['heUniform', 'HeUniform'],
    ['leCunNormal', 'LecunNormal'],
    ['leCunUniform', 'LecunUniform'],
    ['randomNormal', 'RandomNormal'],
    ['truncatedNormal', 'TruncatedNormal'],
    ['varianceScaling', 'VarianceScaling'],
    ['orthogonal', 'Orthogonal'],
    ['identity', 'Identity'],
    ['LeCunNormal', 'LecunNormal'],
    // Keras class names and snake_case
    ['GlorotUniform', 'GlorotUniform'],
    ['glorot_uniform', 'GlorotUniform'],
    ['he_normal', 'HeNormal'],
    ['lecun_uniform', 'LecunUniform'],
    ['random_uniform', 'RandomUniform'],
    ['truncated_normal', 'TruncatedNormal'],
    ['variance_scaling', 'VarianceScaling'],
    ['Constant', 'Constant'],
    ['normal', 'RandomNormal'],
    ['uniform', 'RandomUniform'],
    ['one', 'Ones'],
    ['zero', 'Zeros'],
    ['OrthogonalInitializer', 'Orthogonal'],
    ['IdentityInitializer', 'Identity'],
  ];
  for (const [name, className] of cases) {
    it(`'${name}' -> ${className}`, () => {
      const init = getInitializer(name);
      expect(init).toBeInstanceOf(Initializer);
      expect(init.getClassName()).toBe(className);
    });
  }

  it('returns Initializer instances as they are', () => {
    const init = new HeNormal({ seed: 1 });
    expect(getInitializer(init)).toBe(init);
  });

  it('lists the known names when a name is unknown', () => {
    let error: unknown;
    try {
      getInitializer('glorot_uniformm');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownNameError);
    const message = (error as Error).message;
    expect(message).toContain("initializer 'glorot_uniformm'");
    for (const name of ['glorotUniform', 'GlorotUniform', 'glorot_uniform', 'heNormal', 'Orthogonal']) {
      expect(message).toContain(name);
    }
    expect(knownInitializerNames()).toContain('lecun_normal');
  });

  it('rejects values that are not identifiers', () => {
    expect(() => getInitializer(null as unknown as string)).toThrow(ValueError);
    expect(() => getInitializer(7 as unknown as string)).toThrow(/getInitializer.*7/);
  });
});

describe('configs', () => {
  const instances: Initializer[] = [
    new Zeros(),
    factories.ones(),
    new Constant({ value: -3 }),
    new Identity({ gain: 0.5 }),
    new RandomNormal({ mean: 1, stddev: 0.2, seed: 1 }),
    new RandomUniform({ minval: -2, maxval: 0, seed: 2 }),
    new TruncatedNormal({ mean: 0, stddev: 3, seed: 3 }),
    new VarianceScaling({ scale: 0.3, mode: 'fan_out', distribution: 'uniform', seed: 4 }),
    factories.glorotNormal({ seed: 5 }),
    new GlorotUniform({ seed: 6 }),
    factories.heNormal({ seed: 7 }),
    factories.heUniform({ seed: 8 }),
    factories.leCunNormal({ seed: 9 }),
    new LecunUniform({ seed: 10 }),
    new Orthogonal({ gain: 2, seed: 11 }),
  ];

  it('cover every built-in class', () => {
    const covered = new Set(instances.map((i) => i.getClassName()));
    expect([...covered].sort()).toEqual(BUILTIN_INITIALIZERS.map((c) => c.className).sort());
  });

  for (const init of instances) {
    it(`${init.getClassName()}: fromConfig(getConfig()) rebuilds the same initializer`, () => {
      const cls = BUILTIN_INITIALIZERS.find((c) => c.className === init.getClassName())!;
      const config = JSON.parse(JSON.stringify(init.getConfig())); // what a file holds
      const copy = cls.fromConfig(config);
      expect(copy.getClassName()).toBe(init.getClassName());
      expect(copy.getConfig()).toEqual(init.getConfig());
      // Same seed (or none needed) -> same values.
      const shape = init instanceof Identity ? [3, 3] : [3, 4];
      expect(values(copy, shape)).toEqual(values(init, shape));
      // And through getInitializer / serialize, as layers use them.
      const again = getInitializer(serialize(init));
      expect(again.getConfig()).toEqual(init.getConfig());
    });
  }

  it('write Keras 3 configs (presets keep only the seed; unseeded is seed: null)', () => {
    expect(new GlorotUniform().getConfig()).toEqual({ seed: null });
    expect(new HeNormal({ seed: 3 }).getConfig()).toEqual({ seed: 3 });
    expect(new RandomNormal().getConfig()).toEqual({ mean: 0, stddev: 0.05, seed: null });
    expect(new RandomUniform().getConfig()).toEqual({ minval: -0.05, maxval: 0.05, seed: null });
    expect(new Orthogonal().getConfig()).toEqual({ gain: 1, seed: null });
    expect(new Identity().getConfig()).toEqual({ gain: 1 });
    expect(new Constant({ value: 2 }).getConfig()).toEqual({ value: 2 });
    expect(new Zeros().getConfig()).toEqual({});
  });

  it('read a tfjs-layers glorotUniform (written as VarianceScaling, camel-cased values)', () => {
    const init = getInitializer({
      className: 'VarianceScaling',
      config: { scale: 1, mode: 'fanAvg', distribution: 'uniform', seed: null },
    });
    expect(init.getConfig()).toEqual({ scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null });
  });

  it('read a Keras 3 .keras entry (extra keys ignored, missing config allowed)', () => {
    const init = getInitializer({
      className: 'GlorotUniform',
      config: { seed: 12 },
      module: 'keras.initializers',
      registeredName: null,
    } as unknown as { className: string; config: { seed: number } });
    expect(init).toBeInstanceOf(GlorotUniform);
    expect(getInitializer({ className: 'Zeros' } as unknown as { className: string; config: {} })).toBeInstanceOf(
      Zeros,
    );
  });

  it('toVarianceScaling gives the portable plain VarianceScaling of a preset', () => {
    const vs = toVarianceScaling(new LecunUniform({ seed: 4 }));
    expect(vs.getClassName()).toBe('VarianceScaling');
    expect(vs.getConfig()).toEqual({ scale: 1, mode: 'fan_in', distribution: 'uniform', seed: 4 });
    expect(values(vs, [5, 5])).toEqual(values(new LecunUniform({ seed: 4 }), [5, 5]));
  });
});

describe('registry', () => {
  it('registers the built-ins by Keras class name (Identity as IdentityInitializer)', () => {
    expect(getRegisteredClass('GlorotUniform')).toBe(GlorotUniform);
    expect(getRegisteredClass('VarianceScaling')).toBe(VarianceScaling);
    expect(getRegisteredClass('IdentityInitializer')).toBe(Identity);
  });

  it('resolves user initializers registered as Package>Name', () => {
    class Halves extends Initializer {
      static override readonly className = 'Halves';
      apply(shape: number[], dtype: DataType = 'float32'): Tensor {
        return tf.fill(shape, 0.5, dtype);
      }
      static fromConfig(): Halves {
        return new Halves();
      }
    }
    registerClass(Halves, { package: 'MyPkg' });
    expect(values(getInitializer('MyPkg>Halves'), [2])).toEqual([0.5, 0.5]);
    expect(getInitializer({ className: 'Halves', config: {} })).toBeInstanceOf(Halves);
  });

  it('refuses registered classes that are not initializers', () => {
    class NotAnInit {
      static readonly className = 'NotAnInit';
      getClassName() {
        return 'NotAnInit';
      }
      getConfig() {
        return {};
      }
      static fromConfig() {
        return new NotAnInit();
      }
    }
    registerClass(NotAnInit);
    expect(() => getInitializer('NotAnInit')).toThrow(/NotAnInit.*does not extend Initializer/);
  });
});
