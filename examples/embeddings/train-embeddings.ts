// The embeddings article in code: word vectors for Moby Dick by skip-gram with negative sampling
// (word2vec). Words that appear in similar contexts end up with similar vectors: the script
// prints the nearest neighbours of a few words by cosine similarity and draws a 2-D PCA of their
// vectors as an SVG scatter (examples/out/embeddings.svg).
//
//   pnpm --filter @torchlet/examples embeddings
//
// Environment: EMBEDDINGS_STEPS, EMBEDDINGS_VOCAB, EMBEDDINGS_DIM, EMBEDDINGS_BATCH change the
// run; EMBEDDINGS_SVG the output file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Adam, manualSeed, noGrad, tensor } from 'torchlet';
import { loadMobyDick } from '../gpt/load-moby-dick';
import { buildVocab } from './build-vocab';
import { nearestNeighbours } from './nearest-neighbours';
import { pca2d } from './pca-2d';
import { sampleSkipGrams } from './sample-skip-grams';
import { scatterSvg } from './scatter-svg';
import { SkipGram } from './skip-gram';
import { subsample } from './subsample';
import { tokenizeWords } from './tokenize-words';

const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `${name} must be an integer >= 1, got ${JSON.stringify(process.env[name])}`,
    );
  }
  return value;
};
const steps = env('EMBEDDINGS_STEPS', 4000);
const maxVocab = env('EMBEDDINGS_VOCAB', 3000);
const dim = env('EMBEDDINGS_DIM', 64);
const batchSize = env('EMBEDDINGS_BATCH', 512);
const window = 4;
const negatives = 5;
const svgPath =
  process.env.EMBEDDINGS_SVG ?? fileURLToPath(new URL('../out/embeddings.svg', import.meta.url));
const queries = ['whale', 'ship', 'sea', 'captain', 'harpoon', 'ahab'];

manualSeed(0);
const words = tokenizeWords(loadMobyDick());
const vocab = buildVocab(words, { minCount: 5, maxSize: maxVocab });
// Words outside the vocabulary are dropped, so windows span them (as word2vec does).
const ids = Int32Array.from(words.flatMap((w) => (vocab.ids.has(w) ? [vocab.ids.get(w)!] : [])));
const stream = subsample(ids, vocab.counts, 1e-4);
console.log(
  `moby dick: ${words.length} words, vocabulary ${vocab.words.length} (seen >= 5 times), ` +
    `${ids.length} of them in it, ${stream.length} after subsampling`,
);

const model = new SkipGram(vocab.words.length, dim);
const optimizer = new Adam(model.parameters(), { lr: 0.01 });
const noise = tensor([...vocab.counts]).pow(0.75);
const logEvery = Math.max(1, Math.round(steps / 10));
let sum = 0;
let count = 0;
const started = performance.now();
for (let step = 0; step < steps; step++) {
  const { center, targets } = sampleSkipGrams(stream, noise, { batchSize, window, negatives });
  const loss = model.loss(model.forward(center, targets));
  optimizer.zeroGrad();
  loss.backward();
  optimizer.step();
  sum += loss.item();
  count++;
  // The first step alone (all scores 0: (1 + K)·log 2), then the mean since the last line.
  if (step === 0 || (step + 1) % logEvery === 0) {
    console.log(`step ${String(step + 1).padStart(5)} | loss ${(sum / count).toFixed(4)}`);
    sum = 0;
    count = 0;
  }
}
console.log(
  `trained ${steps} steps of ${batchSize} pairs in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const vectors = model.inEmbed.weight.detach();
const queryIds = queries.filter((w) => vocab.ids.has(w)).map((w) => vocab.ids.get(w)!);
// The query words first (drawn in bold), then each one's neighbours in its colour.
const plotted = queryIds.map((id, group) => ({ id, group, bold: true }));
for (const [group, id] of queryIds.entries()) {
  const neighbours = nearestNeighbours(vectors, id, 6);
  console.log(
    `nearest to ${vocab.words[id]}: ` +
      neighbours.map((n) => `${vocab.words[n.id]} ${n.similarity.toFixed(3)}`).join(', '),
  );
  for (const n of neighbours) {
    if (!plotted.some((p) => p.id === n.id)) plotted.push({ id: n.id, group, bold: false });
  }
}

const { points, variances } = pca2d(
  noGrad(() =>
    vectors.indexSelect(
      0,
      tensor(
        plotted.map((p) => p.id),
        { dtype: 'int32' },
      ),
    ),
  ),
);
const xy = points.toArray() as number[][];
const svg = scatterSvg(
  plotted.map((p, i) => ({ ...p, x: xy[i][0], y: xy[i][1], label: vocab.words[p.id] })),
  { title: `Moby Dick word vectors (skip-gram, ${dim} dims), PCA to 2-D` },
);
mkdirSync(dirname(svgPath), { recursive: true });
writeFileSync(svgPath, svg);
console.log(
  `wrote ${svgPath}: ${plotted.length} words, PCA variances ${variances.map((v) => v.toFixed(4)).join(', ')}`,
);
