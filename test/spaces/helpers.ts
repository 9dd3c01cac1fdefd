// Shared paths and loaders for the model-repository tests.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadKerasFile } from '../../src/spaces/keras/build.js';
import type { Graph } from '../../src/graph/ir.js';

export const EXAMPLES = fileURLToPath(new URL('../../configs/examples/', import.meta.url));
export const REPO_SPEC = join(EXAMPLES, 'model-repo.yml');

export function kerasExample(name: string): Graph {
  return loadKerasFile(join(EXAMPLES, 'keras', `${name}.json`), name, { inputShape: [32, 32, 3], classes: 10 });
}

/** Keras model.summary() "Non-trainable params": moving mean and variance of every BatchNormalization. */
export function bnMovingStats(g: Graph): number {
  return g.nodes.filter((n) => n.op === 'batchnorm').reduce((a, n) => a + 2 * n.shape[n.shape.length - 1], 0);
}
