// One probe in a fresh process, spawned by graph-memory.bench.ts with --expose-gc: reads the
// case as JSON from argv[2] and prints the result as one JSON line on stdout.
import { probeGraphMemory, type GraphMemoryCase } from './graph-memory-probe';

const c = JSON.parse(process.argv[2] ?? '') as GraphMemoryCase;
console.log(JSON.stringify(await probeGraphMemory(c)));
