import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// A user's project type-checks the packages' sources here (the workspace's `paths`) with the
// strict flag many projects turn on; the repository's own build does not set it.
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const snippetPath = join(root, 'packages/optim/src/__user-code__.ts');

/** The messages `tsc` gives for `code` as a file of a project with `noUncheckedIndexedAccess`. */
function typeErrors(code: string): string[] {
  const configPath = join(root, 'tsconfig.base.json');
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    composite: false,
    declaration: false,
    declarationMap: false,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === snippetPath
      ? ts.createSourceFile(name, code, language)
      : getSourceFile(name, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === snippetPath || fileExists(name);
  const program = ts.createProgram([snippetPath], options, host);
  const file = program.getSourceFile(snippetPath)!;
  // Only the snippet is checked: the packages' own sources are not written for this flag, and a
  // user's project reads their .d.ts, where it changes nothing.
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map(
    (d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
  );
}

const setup = `
import { tensor } from '@torchlet/tensor';
import { AdamW } from '@torchlet/optim';
import { LRScheduler, ReduceLROnPlateau, constant } from '@torchlet/schedulers';
const w = tensor([1, 2]).requiresGrad_(true);
const b = tensor([3]).requiresGrad_(true);
const opt = new AdamW([{ params: [w] }, { params: [b], weightDecay: 0 }], { lr: 1e-3 });
`;

describe('setting the learning rate under noUncheckedIndexedAccess', () => {
  it('opt.setLr(…) compiles, beside the schedulers, where paramGroups[0].lr = … does not', () => {
    expect(
      typeErrors(`${setup}
opt.setLr(1e-4);
opt.setLr([1e-4, 1e-3]);
const first: number = opt.learningRate;
new LRScheduler(opt, constant(first)).step();
new ReduceLROnPlateau(opt, { patience: 2 }).step(0.5);
`),
    ).toEqual([]);
    // The flag is on: indexing a group may give undefined, which is what users hit.
    expect(typeErrors(`${setup}\nopt.paramGroups[0].lr = 1e-4;\n`)).toEqual([
      "TS2532: Object is possibly 'undefined'.",
    ]);
  });

  it('setLr takes a number or one number per group, nothing else', () => {
    const errors = typeErrors(`${setup}\nopt.setLr('1e-4');\nopt.setLr([1e-4, '1e-3']);\n`);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^TS2345: Argument of type 'string' is not assignable/);
    expect(errors[1]).toMatch(/^TS2322: Type 'string' is not assignable to type 'number'/);
  });
});
