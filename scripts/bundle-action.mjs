// Bundles the GitHub Action into dist/action/index.js (ESM, Node 20+), with its native and wasm files beside it.
//
// - @resvg/resvg-js (PNG charts) is a native addon: it is kept external and copied, with the linux-x64-gnu binary
//   (GitHub's ubuntu runners; see RESVG_TARGETS), to dist/action/node_modules/@resvg/resvg-js/, where
//   src/report/render.ts finds it via createRequire(import.meta.url). Where it cannot load (another platform), the
//   report still has its SVG and Vega-Lite files and a warning says PNGs are missing.
// - @tensorflow/tfjs-node is never bundled: a workflow installs it at run time (see action.yml); without it the
//   engine falls back to the bundled wasm backend, whose .wasm files are copied next to the bundle.
// - onnxruntime-node (the latency engine, a native addon of ~45 MB for linux-x64) is not bundled either: it is
//   loaded at run time from node_modules beside the bundle or in the workspace (see action.yml); without it latency
//   is timed on TensorFlow.js, and the run log says so once.
// - The output is byte-for-byte reproducible (paths in it are relative to the repository, whatever the current
//   directory), so CI can rebuild it and compare with the committed dist/action: `node scripts/check-dist.mjs`.
//
// Usage: node scripts/bundle-action.mjs [--out DIR]   (default DIR: dist/action)
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 && process.argv[outArg + 1] ? resolve(process.argv[outArg + 1]) : join(root, 'dist', 'action');
const nm = join(root, 'node_modules');

// Until src/commands/pipeline.ts exists, the bundle gets a stub that says so at run time (mode comment still works).
const pipelineStub = {
  name: 'pipeline-stub',
  setup(b) {
    b.onResolve({ filter: /commands\/pipeline\.js$/ }, (args) => {
      const ts = join(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      if (existsSync(ts)) return undefined;
      console.warn(`bundle-action: ${ts} is missing; the bundle's run/compare/baseline modes will report it`);
      return { path: 'pipeline-stub', namespace: 'zsnas-stub' };
    });
    b.onLoad({ filter: /.*/, namespace: 'zsnas-stub' }, () => ({
      contents: "throw new Error('zsnas was bundled without src/commands/pipeline.ts');",
      loader: 'js',
    }));
  },
};

rmSync(out, { recursive: true, force: true });
await build({
  // Comments in the bundle name source files relative to this folder: the same bytes from any current directory.
  absWorkingDir: root,
  entryPoints: [join(root, 'src/action/index.ts')],
  outfile: join(out, 'index.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false, // committed under dist/ (runs without an install step): keep it small
  legalComments: 'linked',
  // CJS dependencies inside an ESM bundle call require(); give them one.
  banner: { js: "import { createRequire as __zsnasCreateRequire } from 'node:module'; const require = __zsnasCreateRequire(import.meta.url);" },
  external: ['@tensorflow/tfjs-node', 'onnxruntime-node', '@resvg/resvg-js', 'canvas'],
  plugins: [pipelineStub],
  logLevel: 'info',
});

// resvg: its loader plus the binary of each target platform, placed where js-binding.js looks first (its own folder).
// A fixed list, not "whatever npm installed here": npm versions differ in whether they also install the musl package
// on a glibc machine, and the committed bundle must be the same bytes wherever it is rebuilt.
const RESVG_TARGETS = ['linux-x64-gnu']; // GitHub's ubuntu runners
const resvgOut = join(out, 'node_modules', '@resvg', 'resvg-js');
mkdirSync(resvgOut, { recursive: true });
for (const f of ['package.json', 'index.js', 'js-binding.js', 'LICENSE']) {
  if (existsSync(join(nm, '@resvg/resvg-js', f))) cpSync(join(nm, '@resvg/resvg-js', f), join(resvgOut, f));
}
let binaries = 0;
for (const target of RESVG_TARGETS) {
  const file = `resvgjs.${target}.node`;
  const from = join(nm, '@resvg', `resvg-js-${target}`, file);
  if (existsSync(from)) {
    cpSync(from, join(resvgOut, file));
    binaries++;
  } else {
    console.warn(`bundle-action: @resvg/resvg-js-${target} is not installed here (bundle on linux-x64); the bundle will make SVG charts only there`);
  }
}
// tfjs wasm binaries: the engine must point setWasmPaths() at the bundle's folder when bundled.
const wasmDir = join(nm, '@tensorflow/tfjs-backend-wasm/dist');
if (existsSync(wasmDir)) for (const f of readdirSync(wasmDir).filter((x) => x.endsWith('.wasm'))) cpSync(join(wasmDir, f), join(out, f));
console.log(`bundle-action: wrote ${out} (${binaries} resvg binaries)`);
