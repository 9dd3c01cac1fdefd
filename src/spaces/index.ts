// One entry point from a spec to networks, whatever the space: the arch keys to score and the Graph of one key.
//   nb201: keys are canonical arch strings (selection by list / indices / sample / all, see nb201/select.ts).
//   keras: keys are model file names without extension; the model's input must equal the dataset's [H, W, 3]
//          (open H / W take the dataset's) and its logits the dataset's class count: calibration data and labels
//          come from the dataset.
//   macro: keys are architecture names; input shape and classes come from the dataset.
//   nats-sss: keys are canonical `C1:C2:C3:C4:C5` strings (indices, sample and all in the SSS index order).
//   onnx:  keys are the paths as written in the spec (or the names given); the model keeps its own input shape
//          and class count, and calibration data is fitted to it (data/fit.ts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { datasetInfo } from '../data/datasets.js';
import type { Graph } from '../graph/ir.js';
import type { ExperimentSpec, ModelRef } from '../spec/types.js';
import { loadKerasFile } from './keras/build.js';
import { loadOnnxFile } from './onnx/build.js';
import { buildMacro } from './macro/network.js';
import { buildNb201 } from './nb201/network.js';
import { nb201ArchOf, selectArchs } from './nb201/select.js';
import { archProblem } from './nb201/arch.js';
import { buildNatsSss } from './nats-sss/network.js';
import { selectSssArchs } from './nats-sss/select.js';
import { NATS_SSS_SIZE, sssArchProblem } from './nats-sss/arch.js';
import { NB201_SIZE } from './nb201/arch.js';

type SpaceSpec = Pick<ExperimentSpec, 'space' | 'archs' | 'dataset'> & { models?: ModelRef[] };

function modelOf(spec: SpaceSpec, key: string): ModelRef {
  const m = spec.models?.find((x) => x.key === key);
  if (!m) throw new Error(`space ${spec.space}: no model "${key}" (models: ${(spec.models ?? []).map((x) => x.key).join(', ')})`);
  return m;
}

/** Both NB201 variants: arch strings as keys, the official index table for indices and samples. */
export function isNb201(space: string): boolean {
  return space === 'nb201' || space === 'nb201-samsung';
}

/** Spaces whose arch keys are strings the space itself defines (not user model keys). */
export function isBenchmarkSpace(space: string): boolean {
  return isNb201(space) || space === 'nats-sss';
}

/** Number of archs of a benchmark space (indices run 0..size-1). */
export function spaceSize(space: string): number {
  return space === 'nats-sss' ? NATS_SSS_SIZE : NB201_SIZE;
}

/** The arch-string checker of a benchmark space: a message with position and caret, or null when valid. */
export function archProblemIn(space: string, text: string): string | null {
  return space === 'nats-sss' ? sssArchProblem(text) : archProblem(text);
}

/** The arch keys a spec scores, in spec order, without duplicates. */
export async function listArchs(spec: SpaceSpec, tablePath?: string): Promise<string[]> {
  if (isNb201(spec.space)) return selectArchs(spec.archs, tablePath);
  if (spec.space === 'nats-sss') return selectSssArchs(spec.archs);
  const keys = (spec.models ?? []).map((m) => m.key);
  if (spec.archs.kind === 'all') return keys;
  if (spec.archs.kind === 'sample') throw new Error(`space ${spec.space}: archs.sample is for nb201; list model keys or omit archs`);
  const picked = spec.archs.items.map((i) => (typeof i === 'object' ? i.name : String(i)));
  for (const k of picked) modelOf(spec, k);
  return [...new Set(picked)];
}

/** The network of one arch key. */
export function buildArch(spec: SpaceSpec, key: string): Graph {
  if (isNb201(spec.space)) return buildNb201(nb201ArchOf(spec.archs, key), spec.dataset, 16, 5, spec.space === 'nb201-samsung' ? 'samsung' : 'xautodl');
  if (spec.space === 'nats-sss') return buildNatsSss(key, spec.dataset);
  const ds = datasetInfo(spec.dataset);
  const m = modelOf(spec, key);
  if (m.kind === 'keras') return loadKerasFile(m.path, key, { inputShape: [...ds.inputShape], classes: ds.numClasses });
  if (m.kind === 'onnx') {
    const { graph, notes } = loadOnnxFile(m.path, key);
    return notes.length ? { ...graph, notes } : graph;
  }
  return buildMacro(m.arch, [...ds.inputShape], ds.numClasses);
}

/**
 * A hash of what defines a user model (the Keras file's bytes, the macro architecture), so cached scores are
 * not reused after the model changes under the same key. '' for nb201 and nats-sss (the key is the definition),
 * except a named NB201 arch: its arch string (the name stays when a PR changes the arch).
 */
export function archFingerprint(spec: SpaceSpec, key: string): string {
  if (isNb201(spec.space)) {
    const arch = nb201ArchOf(spec.archs, key);
    return arch === key ? '' : createHash('sha256').update(arch).digest('hex').slice(0, 16);
  }
  if (isBenchmarkSpace(spec.space)) return '';
  const m = modelOf(spec, key);
  const h = createHash('sha256');
  h.update(m.kind === 'macro' ? JSON.stringify(m.arch) : readFileSync(m.path));
  return h.digest('hex').slice(0, 16);
}
