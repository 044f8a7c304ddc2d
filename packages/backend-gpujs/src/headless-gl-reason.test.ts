import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GPU } from 'gpu.js';
import { describe, expect, it } from 'vitest';
import { gpujs } from './gpujs';
import { headlessGlReason, nodeHeadlessGlProbe, type HeadlessGlProbe } from './headless-gl-reason';

const linux = (display: string | undefined, loadGl: HeadlessGlProbe['loadGl']) => ({
  loadGl,
  platform: 'linux',
  display,
});
const thrown = (error: Error & { code?: string }) => () => {
  throw error;
};

describe('headlessGlReason: which of the three headless-gl failures it was', () => {
  it('gl not installed (npm i --omit=optional)', () => {
    const missing = Object.assign(new Error("Cannot find module 'gl'\nRequire stack:\n- …"), {
      code: 'MODULE_NOT_FOUND',
    });
    expect(headlessGlReason(linux(undefined, thrown(missing)))).toBe(
      'headless-gl (the optional native package `gl`) is not installed (`npm i --omit=optional` leaves it out)',
    );
  });

  it('gl installed but its native part not built (a missing dependency of gl is not "not installed")', () => {
    const unbuilt = new Error('Could not locate the bindings file. Tried:\n → /x/build/webgl.node');
    expect(headlessGlReason(linux(':0', thrown(unbuilt)))).toBe(
      'headless-gl (the optional native package `gl`) is installed but not built (Could not ' +
        'locate the bindings file. Tried:); see the README of @torchlet/backend-gpujs',
    );
    const nested = Object.assign(new Error("Cannot find module 'bindings'"), {
      code: 'MODULE_NOT_FOUND',
    });
    expect(headlessGlReason(linux(':0', thrown(nested)))).toContain('is installed but not built');
  });

  it('gl built, no context: names the missing display, or the display that failed', () => {
    const noContext = () => () => null;
    expect(headlessGlReason(linux(undefined, noContext))).toBe(
      'headless-gl (the optional native package `gl`) is built but has no display (DISPLAY is ' +
        'not set; on a server, run under Xvfb: `xvfb-run -a node app.js`)',
    );
    expect(headlessGlReason(linux(':99', noContext))).toBe(
      'headless-gl (the optional native package `gl`) is built but could not create a GL ' +
        'context on display :99',
    );
    expect(headlessGlReason({ loadGl: noContext, platform: 'darwin', display: undefined })).toBe(
      'headless-gl (the optional native package `gl`) is built but could not create a GL context',
    );
  });

  it('a context gpu.js would not use is destroyed and reported as such', () => {
    let destroyed = 0;
    const context = {
      getExtension: (name: string) =>
        name === 'STACKGL_destroy_context' ? { destroy: () => void destroyed++ } : null,
    };
    expect(headlessGlReason(linux(':0', () => () => context))).toBe(
      'headless-gl (the optional native package `gl`) creates a GL context that gpu.js cannot use',
    );
    expect(destroyed).toBe(1);
  });

  it('says it cannot tell where gl cannot be loaded from', () => {
    expect(headlessGlReason(linux(undefined, undefined))).toBe(
      'headless-gl (the optional native package `gl`) is not built, or has no display',
    );
  });
});

// The real gl next to this workspace's gpu.js: the fresh clone's install never builds it
// (pnpm-workspace.yaml's allowBuilds), CI's headless-gl step does. Either way the warning
// must say which, without a display (with one, 'gpu' works and gpujs.test.ts checks that).
const gpuJsMain = createRequire(import.meta.url).resolve('gpu.js');
const glDir = dirname(createRequire(gpuJsMain).resolve('gl/package.json'));
const built = existsSync(join(glDir, 'build/Release/webgl.node'));

describe.skipIf(GPU.isHeadlessGLSupported)("'gpu' mode's fallback warning in this Node", () => {
  it(`says that gl is ${built ? 'built but has no display' : 'not built'} (it said "not built" for both before)`, async () => {
    expect(nodeHeadlessGlProbe(GPU).platform).toBe(process.platform);
    const messages: string[] = [];
    const backend = await gpujs({ mode: 'gpu', onWarning: (m) => messages.push(m) });
    expect(backend.mode).toBe('webasm');
    expect(messages).toHaveLength(1);
    const reason = built
      ? process.env.DISPLAY
        ? `is built but could not create a GL context on display ${process.env.DISPLAY}`
        : 'is built but has no display (DISPLAY is not set;'
      : 'is installed but not built';
    expect(messages[0]).toContain(
      `'gpu' is unavailable (no WebGL context outside a browser, and headless-gl (the optional native package \`gl\`) ${reason}`,
    );
    backend.destroy();
  });
});
