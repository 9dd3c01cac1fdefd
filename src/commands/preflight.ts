// Checks a run can work before any work starts: every referenced file is there, the output folder is a writable
// folder, and the calibration data and each network's activations fit in memory (refused with the estimate, so
// that `batch_size: 1e9` or a million batches is a message, not "Invalid typed array length" or a 3 GB process).
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { makeFolders } from '../io/atomic.js';
import type { ExperimentSpec } from '../spec/types.js';
import type { Graph } from '../graph/ir.js';
import { datasetInfo } from '../data/datasets.js';
import { clip, InputError } from '../io/input-error.js';
import { KEEP_BYTES } from '../data/lazy-batches.js';

/** The wasm backend's heap (32-bit addressing). */
export const WASM_HEAP_BYTES = 4 * 1024 ** 3;
/** Calibration data lives in this process as float32: more than this is no calibration set zsnas needs. */
export const MAX_CALIBRATION_BYTES = 2 * 1024 ** 3;

const gib = (b: number) => `${(b / 1024 ** 3).toFixed(b < 1024 ** 3 ? 2 : 1)} GiB`;

/** Files the spec names, checked to exist (and be files) before a backend or a batch is touched. */
export function checkReferencedFiles(spec: ExperimentSpec): void {
  const problems: string[] = [];
  const need = (path: string | undefined, what: string) => {
    if (!path) return;
    let ok = false;
    try { ok = statSync(path).isFile(); } catch { /* reported below */ }
    if (!ok) problems.push(`${spec.file}: ${what}: ${path} ${existsSync(path) ? 'is not a file' : 'not found'}`);
  };
  if (spec.data.kind === 'cifar-bin') need(spec.data.path, 'data.cifar_bin');
  need(spec.groundTruth?.path, 'ground_truth.path');
  spec.proxies.forEach((p, i) => need(p.module, `proxies[${i}].module`));
  (spec.models ?? []).forEach((m, i) => { if (m.kind === 'keras') need(m.path, `models[${i}]`); });
  if (problems.length) throw new InputError(problems);
}

/**
 * The output folder exists as a folder (or can be made) and takes a file. Special files (/dev/full, a FIFO) are
 * refused by type, before anything could block on them.
 */
export function checkOutputWritable(dir: string, flag = 'output'): string | undefined {
  let created: string | undefined;
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new InputError(`${flag}: ${clip(dir, 160)} is not a folder, expected a folder to write results into`);
  } else {
    try { created = makeFolders(dir); } catch (e) {
      throw new InputError(`${flag}: cannot create the folder ${clip(dir, 160)} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }
  const probe = join(dir, `.zsnas-write-check-${process.pid}`);
  try {
    writeFileSync(probe, 'ok');
  } catch (e) {
    throw new InputError(`${flag}: cannot write into ${clip(dir, 160)} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  } finally {
    rmSync(probe, { force: true });
  }
  return created;
}

/**
 * Undoes checkOutputWritable's folders when a later check refuses the run: a refusal writes nothing, not even an
 * empty output folder. Only folders that hold no file are removed.
 */
export function removeEmptyFolders(top: string | undefined): void {
  if (!top) return;
  const hasFile = (d: string): boolean => readdirSync(d, { withFileTypes: true }).some((e) => !e.isDirectory() || hasFile(join(d, e.name)));
  try { if (!hasFile(top)) rmSync(top, { recursive: true }); } catch { /* best effort: the refusal itself is what matters */ }
}

/** float32 elements of every node's output for one sample: what one forward pass keeps alive per sample. */
export function activationsPerSample(graph: Graph): number {
  let n = 0;
  for (const node of graph.nodes) n += node.shape.reduce((a, b) => a * b, 1);
  return n;
}

/**
 * Memory of the calibration data (host) and of one batch's forward activations per arch (backend heap), refused
 * with the estimate when it cannot fit. `graphs` is called lazily so runs without data build nothing.
 */
export function checkMemory(spec: ExperimentSpec, usesData: boolean, backend: string, graphs: () => Iterable<[string, Graph]>): void {
  if (!usesData) return;
  const { batchSize, batches } = spec.data;
  const [h, w, c] = datasetInfo(spec.dataset).inputShape;
  const perImage = h * w * c * 4 + 4;
  // A CIFAR file is read whole; Gaussian batches are made when read, and only the first KEEP_BYTES worth are kept
  // (plus the one being read), so `batches: 1000000` costs what one batch does.
  const held = spec.data.kind === 'gaussian' ? Math.min(batches, Math.max(1, Math.floor(KEEP_BYTES / (batchSize * perImage))) + 1) : batches;
  const host = held * batchSize * perImage;
  if (host > MAX_CALIBRATION_BYTES) {
    throw new InputError(`${spec.file}: data: ${held} batches x ${batchSize} images need about ${gib(host)} of calibration data in memory, ` +
      `more than the ${gib(MAX_CALIBRATION_BYTES)} allowed; use ${spec.data.kind === 'gaussian' ? 'a smaller batch_size' : 'fewer batches or a smaller batch_size'} ` +
      `(at most ${Math.floor(MAX_CALIBRATION_BYTES / perImage)} images ${spec.data.kind === 'gaussian' ? 'per batch' : 'in all'})`);
  }
  const heap = backend === 'wasm' ? WASM_HEAP_BYTES : totalmem() / 2;
  const heapName = backend === 'wasm' ? 'the 4 GiB wasm heap' : `half this machine's memory (${gib(heap)})`;
  let worst: { arch: string; bytes: number; perSample: number } | undefined;
  for (const [arch, graph] of graphs()) {
    const perSample = activationsPerSample(graph) * 4;
    const bytes = perSample * batchSize;
    if (!worst || bytes > worst.bytes) worst = { arch, bytes, perSample };
  }
  if (worst && worst.bytes > heap) {
    const short = worst.arch.length > 60 ? `${worst.arch.slice(0, 59)}…` : worst.arch;
    throw new InputError(`${spec.file}: data.batch_size ${batchSize}: one forward pass of ${short} keeps at least ${gib(worst.bytes)} of activations, ` +
      `more than ${heapName}; use data.batch_size ${Math.max(1, Math.floor(heap / worst.perSample))} or less`);
  }
}
