// A toy GAN: a generator learns to turn N(0, 1) noise into samples of N(3, 0.5), against a
// discriminator that tells real samples from generated ones. Both are trained alternately in a
// custom `trainStep` (a subclass of st.Model), each half with its own Adam optimizer.
//
//   node examples/gan-toy.mjs [epochs]
//
// What to watch: the discriminator's loss (real + fake binary crossentropy) starts low and
// drifts toward log(4) ≈ 1.386, the value when it cannot tell the two apart (D = 0.5 everywhere);
// the generator's loss drifts toward log(2) ≈ 0.693; the generated mean and std approach 3 and 0.5.
import * as st from 'strata';

const tf = st.tf;
const TARGET_MEAN = 3;
const TARGET_STD = 0.5;
const LATENT = 4;
const epochs = Number(process.argv[2] ?? 40);

/** The GAN: fit() feeds it batches of real samples; the step does one D update and one G update. */
class Gan extends st.Model {
  static className = 'ToyGan';

  constructor({ generator, discriminator, latentDim }) {
    super({ name: 'toy_gan' });
    this.generator = this.track(generator);
    this.discriminator = this.track(discriminator);
    this.latentDim = latentDim;
    this.seed = 1; // seeded noise: the same run every time
    this.dOptimizer = new st.Adam({ learningRate: 2e-3, beta1: 0.5 });
    this.gOptimizer = new st.Adam({ learningRate: 2e-3, beta1: 0.5 });
    this.bce = new st.losses.BinaryCrossentropy({ fromLogits: true });
    this.built = true;
  }

  get layers() {
    return [this.generator, this.discriminator];
  }
  get inputShapes() {
    return [[null, 1]];
  }
  get outputNames() {
    return ['realness'];
  }
  /** As a plain model, the GAN scores samples (the discriminator's logit). */
  forward(x, training) {
    return this.discriminator.forward(x, training);
  }

  noise(n) {
    return tf.randomNormal([n, this.latentDim], 0, 1, 'float32', this.seed++);
  }

  trainStep({ x: [real], size }) {
    const ones = tf.ones([size, 1]);
    const zeros = tf.zeros([size, 1]);
    // Discriminator: real -> 1, generated -> 0. Only D's weights move.
    const fake = this.generator.forward([this.noise(size)], true);
    const dLoss = this.minimize(
      () =>
        tf.add(
          this.bce.compute(ones, this.discriminator.forward([real], true)),
          this.bce.compute(zeros, this.discriminator.forward([fake], true)),
        ),
      { weights: this.discriminator.trainableWeights, optimizer: this.dOptimizer },
    );
    // Generator: make D call its samples real. Only G's weights move.
    const gLoss = this.minimize(
      () => this.bce.compute(ones, this.discriminator.forward([this.generator.forward([this.noise(size)], true)], true)),
      { weights: this.generator.trainableWeights, optimizer: this.gOptimizer },
    );
    // fit() averages these over the epoch.
    return { d_loss: dLoss, g_loss: gLoss };
  }

  dispose() {
    this.dOptimizer.dispose();
    this.gOptimizer.dispose();
    super.dispose();
  }
}

const generator = st.sequential({
  name: 'generator',
  layers: [
    st.layers.dense({ units: 16, activation: 'relu', inputShape: [LATENT] }),
    st.layers.dense({ units: 16, activation: 'relu' }),
    st.layers.dense({ units: 1 }),
  ],
});
const discriminator = st.sequential({
  name: 'discriminator',
  layers: [
    st.layers.dense({ units: 32, activation: 'leakyRelu', inputShape: [1] }),
    st.layers.dense({ units: 32, activation: 'leakyRelu' }),
    st.layers.dense({ units: 1 }),
  ],
});
const gan = new Gan({ generator, discriminator, latentDim: LATENT });
// No loss or optimizer here: the step brings its own.
gan.compile({});

/** Mean and standard deviation of n generated samples (one read per epoch). */
function generatedStats(n = 2000) {
  const samples = tf.tidy(() => generator.predict(tf.randomNormal([n, LATENT], 0, 1, 'float32', 7)));
  const values = samples.dataSync();
  samples.dispose();
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  return { mean, std };
}

const real = tf.randomNormal([4096, 1], TARGET_MEAN, TARGET_STD, 'float32', 42);
const start = generatedStats();
console.log(`target N(${TARGET_MEAN}, ${TARGET_STD}); before training the generator gives mean ${start.mean.toFixed(3)}, std ${start.std.toFixed(3)}`);
console.log('epoch   d_loss   g_loss   gen_mean  gen_std');
const history = await gan.fit(real, null, {
  epochs,
  batchSize: 128,
  verbose: 0,
  callbacks: {
    onEpochEnd: (epoch, logs) => {
      const { mean, std } = generatedStats();
      console.log(
        `${String(epoch + 1).padStart(5)}   ${logs.d_loss.toFixed(4)}   ${logs.g_loss.toFixed(4)}   ${mean.toFixed(3).padStart(8)}  ${std.toFixed(3).padStart(7)}`,
      );
    },
  },
});

const end = generatedStats(10000);
const last = (key) => {
  const tail = history.history[key].slice(-5);
  return tail.reduce((a, b) => a + b, 0) / tail.length;
};
console.log(`\nlast 5 epochs: d_loss ${last('d_loss').toFixed(3)} (log 4 = ${Math.log(4).toFixed(3)}), g_loss ${last('g_loss').toFixed(3)} (log 2 = ${Math.log(2).toFixed(3)})`);
console.log(`generated: mean ${end.mean.toFixed(3)} (target ${TARGET_MEAN}), std ${end.std.toFixed(3)} (target ${TARGET_STD})`);
real.dispose();
gan.dispose();
