// Reference agreement (developer-run, not in CI): scores 6 NB201 cells and 2 macro-space models with every
// proxy, exports the exact tensors zsnas used (weights per init scheme and repeat, calibration images and labels,
// Zen's noise, TE-NAS's thin-network weights and crops) and the graphs, then runs bench/reference_agreement.py
// (Debian's PyTorch) which re-implements each proxy's reference procedure on those tensors and writes the table.
//
//   node --import tsx bench/reference-agreement.ts [--out DIR] [--nets all|0,3,..] [--python /usr/bin/python3]
//     [--channels 16 --cells-per-stage 5] [--grasp-eps 1e-3,1e-2] [--proxies ntk,grasp] [--no-reference]
//
// --proxies scores only those proxies (the exports are complete); with --no-reference PyTorch is not run, and
// `reference_agreement.py --rescore DIR NEWDIR` replaces DIR's zsnas values by NEWDIR's for the proxies NEWDIR scored
// (the references depend only on the exported tensors, which are seeded and identical between runs).
//
// To keep the run short on a shared machine the NB201 cells sit in a reduced network (C = 8 channels, N = 1 cell per
// stage: stem, cell, reduction, cell, reduction, cell, head; --channels 16 --cells-per-stage 5 is the full network)
// and per-sample proxies use fewer samples (printed in the table); the procedures are the same at any size. GraSP
// is scored with its defaults (`hvp: auto`: exact H·g on onnxruntime, the tangent model) and, where the double tape
// fits, as `grasp:exact` with tfjs's double backprop (`hvp: exact`, gradient engine tfjs).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/engine/backend.js';
import { Rng } from '../src/engine/rng.js';
import { readCifarBin } from '../src/data/cifar.js';
import type { CalibrationBatch } from '../src/data/batch.js';
import type { Graph } from '../src/graph/ir.js';
import { initParams, disposeParams, type InitScheme } from '../src/graph/init.js';
import type { ParamMap } from '../src/graph/execute.js';
import { getProxy, proxyNames, resolveOptions } from '../src/proxies/index.js';
import { scoreArch } from '../src/proxies/score.js';
import { chooseHvp } from '../src/proxies/grasp.js';
import { lrParams, randomCrops } from '../src/proxies/linear_regions.js';
import { buildTenasThin } from '../src/proxies/passes/tenas-thin.js';
import { zenNoise } from '../src/proxies/zen.js';
import { ntkDraw } from '../src/proxies/ntk.js';
import { buildNb201 } from '../src/spaces/nb201/network.js';
import { buildMacro } from '../src/spaces/macro/network.js';
import type { MacroArch } from '../src/spaces/macro/types.js';

const NB201 = [
  '|nor_conv_1x1~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_1x1~0|nor_conv_1x1~1|nor_conv_1x1~2|',
  '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|',
  '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|',
  '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|',
  '|nor_conv_3x3~0|+|skip_connect~0|none~1|+|avg_pool_3x3~0|nor_conv_1x1~1|nor_conv_3x3~2|',
  '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|avg_pool_3x3~1|skip_connect~2|',
];
const MACRO: MacroArch[] = [
  { name: 'resnet-2x2', stem: { kernel: 3, width: 8, stride: 1 }, head: {},
    stages: [{ block: 'residual', kernel: 3, expansion: 1, width: 8, depth: 2, stride: 1 },
      { block: 'residual', kernel: 3, expansion: 1, width: 16, depth: 2, stride: 2 }] },
  { name: 'mbv2-small', stem: { kernel: 3, width: 8, stride: 1 }, head: { width: 32 },
    stages: [{ block: 'mbconv', kernel: 3, expansion: 1, width: 8, depth: 1, stride: 1 },
      { block: 'mbconv', kernel: 3, expansion: 6, width: 12, depth: 2, stride: 2 }] },
];
/** Cheaper than the defaults where the cost is per sample; the table prints what ran. */
const OPTIONS: Record<string, Record<string, unknown>> = {
  ntk: { samples: 8, repeats: 2 }, grad_sign: { samples: 8 }, knas: { samples: 8 },
  linear_regions: {},
};
const SEED = 0;

const { values } = parseArgs({ options: { out: { type: 'string', default: 'out/reference-agreement' },
  nets: { type: 'string', default: 'all' }, python: { type: 'string', default: '/usr/bin/python3' },
  'cells-per-stage': { type: 'string', default: '1' }, channels: { type: 'string', default: '8' },
  'grasp-eps': { type: 'string', default: '' }, proxies: { type: 'string', default: '' },
  'no-reference': { type: 'boolean', default: false } } });
/** Extra finite-difference GraSP rows at these steps (`grasp:eps=…`), to see truncation against rounding. */
const graspEps = values['grasp-eps'] ? values['grasp-eps'].split(',').map(Number) : [];
const outDir = values.out!;
mkdirSync(outDir, { recursive: true });

function writeF32(dir: string, name: string, data: Float32Array | Int32Array): string {
  const file = `${name.replace(/[^A-Za-z0-9_.#-]/g, '_')}.bin`;
  writeFileSync(join(dir, file), Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return file;
}

function exportParams(dir: string, tag: string, params: ParamMap): Record<string, { file: string; shape: number[] }> {
  const out: Record<string, { file: string; shape: number[] }> = {};
  for (const [name, t] of Object.entries(params)) out[name] = { file: writeF32(dir, `${tag}__${name}`, t.dataSync() as Float32Array), shape: t.shape };
  return out;
}

function graphJson(g: Graph): unknown {
  return { name: g.name, inputShape: g.inputShape, numClasses: g.numClasses, output: g.output, preGap: g.preGap, nodes: g.nodes, params: g.params };
}

await initBackend('wasm');
const calib = readCifarBin(join(import.meta.dirname, '../../shared/data/cifar/cifar10_test_300_jpeg.bin'), { dataset: 'cifar10', count: 128 });
const per = calib.height * calib.width * 3;
const batches: CalibrationBatch[] = [0, 1].map((b) => ({ images: calib.images.slice(b * 64 * per, (b + 1) * 64 * per),
  labels: calib.labels.slice(b * 64, (b + 1) * 64), n: 64, height: calib.height, width: calib.width }));
const nets: Array<{ key: string; graph: Graph; macro?: MacroArch }> = [
  ...NB201.map((a, i) => ({ key: `nb201-${i}`, graph: buildNb201(a, 'cifar10', Number(values.channels), Number(values['cells-per-stage'])) })),
  ...MACRO.map((m) => ({ key: `macro-${m.name}`, graph: buildMacro(m, [32, 32, 3], 10), macro: m })),
];
const chosen = values.nets === 'all' ? nets : values.nets!.split(',').map((i) => nets[Number(i)]);
const names = proxyNames().filter((n) => n !== 'flops');
const manifest: unknown[] = [];
const batchFiles = batches.map((b, i) => ({ images: writeF32(outDir, `batch${i}_images`, b.images), labels: writeF32(outDir, `batch${i}_labels`, b.labels),
  n: b.n, height: b.height, width: b.width }));

for (const { key, graph, macro } of chosen) {
  const dir = join(outDir, key);
  mkdirSync(dir, { recursive: true });
  const runs = names.map((n) => ({ proxy: getProxy(n), options: resolveOptions(getProxy(n), OPTIONS[n] ?? {}) }));
  const only = values.proxies ? values.proxies.split(',') : null;
  const t0 = performance.now();
  const rows = await scoreArch(graph, key, only ? runs.filter((r) => only.includes(r.proxy.name)) : runs, SEED, batches);
  const grasp = getProxy('grasp');
  // tfjs's exact double tape of a full NB201 network does not fit the wasm heap: only where `hvp: auto` would run it there.
  if ((!only || only.includes('grasp')) && chooseHvp('auto', graph, batches[0].n) === 'exact') {
    const [exact] = await scoreArch(graph, key, [{ proxy: grasp, options: resolveOptions(grasp, { hvp: 'exact' }) }], SEED, batches, 'pytorch', 'tfjs');
    rows.push({ ...exact, proxy: 'grasp:exact' });
  }
  for (const eps of graspEps) {
    const [row] = await scoreArch(graph, key, [{ proxy: grasp, options: resolveOptions(grasp, { hvp: 'finite-difference', eps }) }], SEED, batches);
    rows.push({ ...row, proxy: `grasp:eps=${eps}` });
  }
  console.error(`${key}: scored in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const params: Record<string, unknown> = {};
  for (const scheme of ['pytorch', 'gaussian'] as InitScheme[]) {
    const p = initParams(graph, SEED, key, scheme);
    params[scheme] = exportParams(dir, scheme, p);
    disposeParams(p);
  }
  const ntk = runs.find((r) => r.proxy.name === 'ntk')!.options;
  const ntkDraws = Array.from({ length: ntk.repeats as number }, (_, r) =>
    ntkDraw(batches.reduce((a, b) => a + b.n, 0), ntk.samples as number, SEED, r));
  const ntkRepeats = [];
  for (let r = 1; r < (ntk.repeats as number); r++) {
    const p = initParams(graph, SEED, `${key}#ntk${r}`, ntk.init as InitScheme);
    ntkRepeats.push(exportParams(dir, `ntk${r}`, p));
    disposeParams(p);
  }
  const zen = runs.find((r) => r.proxy.name === 'zen')!.options;
  const zenX = zenNoise(graph, zen.batch as number, SEED, key, 0, 'x'), zenEps = zenNoise(graph, zen.batch as number, SEED, key, 0, 'eps');
  const zenFiles = { x: writeF32(dir, 'zen_x', zenX.dataSync() as Float32Array), eps: writeF32(dir, 'zen_eps', zenEps.dataSync() as Float32Array) };
  tf.dispose([zenX, zenEps]);
  const lr = runs.find((r) => r.proxy.name === 'linear_regions')!.options;
  let thin: unknown = null;
  if (graph.name.startsWith('nb201:')) {
    const tg = buildTenasThin(graph.name.slice(6), graph.numClasses);
    const reps = [];
    for (let r = 0; r < (lr.repeats as number); r++) {
      const p = lrParams(tg, SEED, `${tg.name}#${r}`, lr.init as 'pytorch');
      const crops = Array.from({ length: lr.batches as number }, (_, b) =>
        writeF32(dir, `thin_crops_${r}_${b}`, randomCrops(batches, lr.crops as number, Rng.keyed(SEED, 'linear_regions:crops', r, b))));
      reps.push({ params: exportParams(dir, `thin${r}`, p), crops });
      disposeParams(p);
    }
    thin = { graph: graphJson(tg), repeats: reps, crops: lr.crops };
  }
  manifest.push({ key, graph: graphJson(graph), macro: macro ?? null, params, ntkRepeats, ntkDraws, zen: zenFiles, thin,
    options: Object.fromEntries(runs.map((r) => [r.proxy.name, r.options])),
    zsnas: Object.fromEntries(rows.map((r) => [r.proxy, { value: r.value, status: r.status, error: r.error ?? null }])) });
}
writeFileSync(join(outDir, 'manifest.json'), JSON.stringify({ seed: SEED, batches: batchFiles, nets: manifest }, null, 1));
if (values['no-reference']) process.exit(0);
console.error(`exported to ${outDir}; running the PyTorch references`);
execFileSync(values.python!, [join(import.meta.dirname, 'reference_agreement.py'), outDir], { stdio: 'inherit' });
