// One runtime's check, run by .ci/runtimes.sh on Node 20, 22 and 24, Bun and Deno against the
// built packages (copied into a temporary project's node_modules, as npm lays them out):
//
//   <runtime> check.mjs <path to parity/train.json>
//
// It prints the thread check, the conformance count, then every loss of the tutorial's training
// loop and of the parity replay with full precision (the shortest decimal that reads back as the
// same float32), which the script compares across runtimes. Exits 1 when a check fails.
import { matmulThreadInfo } from '@torchlet/tensor/cpu-wasm';
import { readFileSync } from 'node:fs';
import { checkThreads } from './check-threads.mjs';
import { parityReplay } from './parity-replay.mjs';
import { runConformance } from './run-conformance.mjs';
import { runtimeName } from './runtime-name.mjs';
import { tutorialLosses } from './tutorial-losses.mjs';

const tracePath = globalThis.process.argv[2];
if (!tracePath) throw new Error('usage: <runtime> check.mjs <path to parity/train.json>');

console.log(`runtime ${runtimeName()}`);
let ok = true;

const threads = checkThreads();
ok &&= threads.ok;
console.log(`threads ${threads.ok ? 'ok' : 'FAIL'} ${threads.summary}`);

const { passed, failed } = await runConformance();
ok &&= failed === 0 && passed > 0;
console.log(`conformance ${passed} passed, ${failed} failed`);

const tutorial = tutorialLosses();
tutorial.losses.forEach((loss, step) => console.log(`tutorial loss ${step} ${loss}`));
for (const e of tutorial.evals) console.log(`tutorial eval ${e.step} ${e.valLoss} ${e.valAcc}`);

const replay = parityReplay(JSON.parse(readFileSync(tracePath, 'utf8')));
ok &&= replay.ok;
replay.losses.forEach((loss, step) => console.log(`parity loss ${step} ${loss}`));
console.log(
  `parity ${replay.ok ? 'ok' : 'FAIL'}: max relative error against PyTorch: loss ` +
    `${replay.worstLoss.toExponential(2)}, grad norm ${replay.worstNorm.toExponential(2)}; ` +
    `final weights ${replay.worstWeight.toExponential(2)}; evals ${replay.evalsOk ? 'match' : 'differ'}`,
);

// A worker that failed after the thread check would only now have reached this thread's event
// loop (matmul then falls back to one thread and says why).
await new Promise((resolve) => setTimeout(resolve, 100));
const late = matmulThreadInfo().singleThreadedBecause;
if (threads.ok && late !== undefined) {
  ok = false;
  console.log(`threads FAIL later: ${late}`);
}

console.log(`result ${ok ? 'ok' : 'FAIL'}`);
// Workers are unref'd, but say so explicitly: nothing may keep a runtime waiting.
globalThis.process.exit(ok ? 0 : 1);
