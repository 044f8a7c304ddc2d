import { gpujs, type DeviceMode, type GpuJsBackend } from '@torchlet/backend-gpujs';

/** The gpu.js modes benchmarked, fastest expected last; headlessgl needs `gl` built and Xvfb. */
export const GPUJS_MODES = ['cpu', 'webasm', 'headlessgl'] as const satisfies readonly DeviceMode[];

/** One of {@link GPUJS_MODES}. */
export type GpujsMode = (typeof GPUJS_MODES)[number];

/**
 * A gpu.js mode skips a case whose predicted call time is above this (matmul: its last median
 * scaled by n³; train-step: its last untimed check step): gpu.js's cpu mode runs at a few tens of
 * MFLOP/s, and a 1024² product there would take most of the run's time limit.
 */
export const GPUJS_MAX_CALL_MS = 3000;

const created = new Map<GpujsMode, Promise<GpuJsBackend | undefined>>();

/**
 * The gpu.js backend of `mode`, created once per run, or `undefined` when the mode cannot run
 * here: a fallback to another mode would put a mislabelled row in the table.
 *
 * @example
 * ```ts
 * const backend = await gpujsBackend('webasm');
 * if (backend) tensor(data, { backend });
 * ```
 */
export function gpujsBackend(mode: GpujsMode): Promise<GpuJsBackend | undefined> {
  let backend = created.get(mode);
  if (backend === undefined) {
    backend = gpujs({ mode, onWarning: () => undefined }).then((b) => {
      if (b.mode === mode) return b;
      console.error(
        `  gpujs ${mode}: unavailable here (fell back to ${b.mode}); headlessgl needs \`gl\` built ` +
          'and a display (see .ci/run), e.g. `xvfb-run -a pnpm bench matmul`',
      );
      b.destroy();
      return undefined;
    });
    created.set(mode, backend);
  }
  return backend;
}
