// One library, however it is loaded: a CommonJS program that require()s @torchlet/tensor and
// @torchlet/autograd and import()s @torchlet/layers (as a CJS library inside an ESM app does)
// must see one Tensor class, one generator, one default backend and one gradient engine.
// Run by .ci/packaging-check.sh in a project that installed the packed packages with npm.
'use strict';
const assert = require('node:assert/strict');

const tensorCjs = require('@torchlet/tensor');
const autogradCjs = require('@torchlet/autograd');
const testingCjs = require('@torchlet/tensor/testing');
const torchletCjs = require('torchlet');

const close = (actual, expected, what) => {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((a, i) =>
    assert.ok(Math.abs(a - expected[i]) <= 1e-6, `${what}: [${i}] ${a} vs ${expected[i]}`),
  );
};

async function main() {
  const tensorEsm = await import('@torchlet/tensor');
  const layers = await import('@torchlet/layers');

  assert.equal(tensorCjs, tensorEsm, 'require() and import() give one module namespace');
  assert.equal(tensorCjs.Tensor, tensorEsm.Tensor, 'one Tensor class');
  assert.equal(torchletCjs.Tensor, tensorCjs.Tensor, "the umbrella re-exports tensor's Tensor");
  assert.ok(
    testingCjs.parityTensor({ shape: [2], data: [1, 2] }) instanceof tensorEsm.Tensor,
    '@torchlet/tensor/testing builds the same Tensor class',
  );

  // One generator: torch.manual_seed(7); torch.randn(5) (PyTorch 1.13).
  const torch7 = [
    -0.1467950940132141, 0.7861412763595581, 0.9468216300010681, -1.1143440008163452,
    1.6907901763916016,
  ];
  tensorCjs.manualSeed(7);
  close(tensorEsm.randn([5]).toArray(), torch7, 'manualSeed (CJS) seeds randn (ESM)');
  tensorEsm.manualSeed(7);
  close(tensorCjs.randn([5]).toArray(), torch7, 'manualSeed (ESM) seeds randn (CJS)');

  // One default backend: setting it through one path is what the other one sees.
  const previous = tensorCjs.getDefaultBackend();
  assert.equal(previous, tensorEsm.getDefaultBackend(), 'one default backend');
  const other = tensorCjs.createCpuBackend();
  tensorCjs.setDefaultBackend(other);
  assert.equal(tensorEsm.getDefaultBackend(), other, 'setDefaultBackend (CJS) is seen by ESM');
  tensorEsm.setDefaultBackend(previous);

  // One gradient engine: autograd required here is the one layers imports.
  assert.ok(tensorEsm.getGradientEngine() !== null, 'a gradient engine is attached');
  assert.equal(tensorEsm.getGradientEngine(), autogradCjs.engine, 'one gradient engine');

  // The failure the issue reports: linear.forward(cjsTensor).
  tensorCjs.manualSeed(0);
  const linear = new layers.Linear(3, 2);
  const x = tensorCjs.randn([4, 3], { requiresGrad: true });
  const y = linear.forward(x);
  assert.ok(y instanceof tensorCjs.Tensor, 'Linear (ESM) returns a Tensor of the CJS caller');
  assert.deepEqual(y.shape, [4, 2]);
  y.sum().backward();
  // d sum(x Wᵀ + b) / dx: every row is the column sums of W.
  const w = linear.weight.toArray();
  const columnSums = [0, 1, 2].map((j) => w[0][j] + w[1][j]);
  x.grad.toArray().forEach((row, i) => close(row, columnSums, `x.grad row ${i}`));
  assert.equal(
    autogradCjs.noGrad(() => linear.forward(x)).requiresGrad,
    false,
    'noGrad (CJS) reaches the layer (ESM)',
  );
  console.log('one library: require() and import() share Tensor, generator, backend, engine');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
