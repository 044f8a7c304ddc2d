import type { GPU as GPUClass } from 'gpu.js';

/** What {@link headlessGlReason} looks at: how to load `gl`, and where it runs. @internal */
export interface HeadlessGlProbe {
  /** Loads the `gl` package as gpu.js does (`require('gl')`); undefined: no way to load it. */
  readonly loadGl: (() => unknown) | undefined;
  /** `process.platform` in Node (and Bun, Deno), `'browser'` elsewhere. */
  readonly platform: string;
  /** `process.env.DISPLAY`. */
  readonly display: string | undefined;
}

const gl = 'headless-gl (the optional native package `gl`)';

/** The little of a WebGL context that {@link headlessGlReason} touches. */
type GlContext = { getExtension?(name: string): { destroy?(): void } | null };

/**
 * Why headless-gl gave gpu.js no GL context, in words for the fallback warning: `gl` is not
 * installed, is installed but its native part was not built, or is built but could not create
 * a context (on Linux, most often: no X display). gpu.js reports all of these as one
 * `isHeadlessGLSupported === false`, so this loads `gl` and asks it for a context itself.
 *
 * @example
 * ```ts
 * headlessGlReason(nodeHeadlessGlProbe(GPU));
 * // 'headless-gl (the optional native package `gl`) is built but has no display (DISPLAY is
 * //  not set; on a server, run under Xvfb: `xvfb-run -a node app.js`)'
 * ```
 */
export function headlessGlReason(probe: HeadlessGlProbe): string {
  if (probe.loadGl === undefined) return `${gl} is not built, or has no display`;
  let createContext: (width: number, height: number) => GlContext | null;
  try {
    createContext = probe.loadGl() as typeof createContext;
  } catch (e) {
    const message = String(e instanceof Error ? e.message : e).split('\n')[0];
    // Only `gl` itself missing is "not installed"; a missing file inside it is a failed build.
    return (e as { code?: unknown }).code === 'MODULE_NOT_FOUND' && message.includes("'gl'")
      ? `${gl} is not installed (\`npm i --omit=optional\` leaves it out)`
      : `${gl} is installed but not built (${message}); see the README of @torchlet/backend-gpujs`;
  }
  let context: GlContext | null = null;
  try {
    context = createContext(1, 1);
  } catch {
    // gl returns null when it cannot make a context; a throw means the same here.
  }
  if (context === null || typeof context !== 'object') {
    if (probe.platform !== 'linux') return `${gl} is built but could not create a GL context`;
    return probe.display
      ? `${gl} is built but could not create a GL context on display ${probe.display}`
      : `${gl} is built but has no display (DISPLAY is not set; on a server, run under Xvfb: \`xvfb-run -a node app.js\`)`;
  }
  context.getExtension?.('STACKGL_destroy_context')?.destroy?.();
  return `${gl} creates a GL context that gpu.js cannot use`;
}

/**
 * The probe of this process: in Node, `gl` is loaded from beside the gpu.js that `GPU` came
 * from (with pnpm it is gpu.js's dependency, not the app's); elsewhere (browsers) there is no
 * `gl` to load. @internal
 *
 * @example
 * ```ts
 * const reason = headlessGlReason(nodeHeadlessGlProbe(GPU));
 * ```
 */
export function nodeHeadlessGlProbe(GPU: typeof GPUClass): HeadlessGlProbe {
  const proc = (globalThis as { process?: NodeJS.Process }).process;
  const node = proc?.versions?.node !== undefined;
  const platform = node && proc !== undefined ? proc.platform : 'browser';
  const display = proc?.env?.DISPLAY;
  // Node >= 20.16 and 22.3: reached at run time, so browser bundles never import node:module.
  const nodeModule =
    node && typeof proc?.getBuiltinModule === 'function'
      ? (proc.getBuiltinModule('node:module') as typeof import('node:module') | undefined)
      : undefined;
  const require = nodeModule === undefined ? undefined : requireNextTo(nodeModule, GPU);
  return { loadGl: require && (() => require('gl')), platform, display };
}

/**
 * A `require` that resolves from gpu.js's own file, found by its `GPU` export among the loaded
 * modules (else resolved from the working directory), or undefined where gpu.js is not found:
 * then nothing can be said about its `gl`.
 */
function requireNextTo(
  nodeModule: typeof import('node:module'),
  GPU: unknown,
): NodeJS.Require | undefined {
  const here = nodeModule.createRequire(`${process.cwd()}/`);
  for (const loaded of Object.values(here.cache)) {
    const exports = loaded?.exports as { GPU?: unknown } | undefined;
    if (loaded !== undefined && exports?.GPU === GPU)
      return nodeModule.createRequire(loaded.filename);
  }
  try {
    return nodeModule.createRequire(here.resolve('gpu.js'));
  } catch {
    return undefined;
  }
}
