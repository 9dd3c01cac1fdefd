// checkpointedRowGrads (one batch forward, each row one backward from a retained tape) gives what the procedure it
// replaces gave: one checkpointedGrads call per row (loss = sum of row i of the batch logits), bit for bit, on a
// multi-segment NB201 network with a 'none'-only node, whole or in groups of rows; the NTK built on it equals the
// NTK built from the per-row calls, bit for bit.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { checkpointedGrads, segmentGraph } from '../../src/graph/checkpoint.js';
import { checkpointedRowGrads } from '../../src/graph/checkpoint-rows.js';
import { disposeParams, initParams } from '../../src/graph/init.js';
import type { ParamMap } from '../../src/graph/execute.js';
import type { Graph } from '../../src/graph/ir.js';
import { empiricalNtk, ntkParams } from '../../src/proxies/ntk.js';
import { batchFor, inputOf, tinyNb201 } from '../proxies/fwd-helpers.js';
import { useWasm } from '../engine/helpers.js';

before(useWasm);

// Node 2 feeds only a 'none' edge: its convolution's gradients are zeros.
const ARCH = '|nor_conv_3x3~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|none~0|nor_conv_3x3~1|none~2|';

/** The replaced procedure: every row its own checkpointedGrads call (two batch forwards and one backward each). */
function perRowCalls(graph: Graph, params: ParamMap, x: tf.Tensor4D, names: string[]): Float32Array[][] {
  return Array.from({ length: x.shape[0] }, (_, i) => {
    const { grads } = checkpointedGrads(graph, params, x, names, (logits) => tf.sum(tf.slice(logits, [i, 0], [1, -1])) as tf.Scalar);
    const row = names.map((n) => Float32Array.from(grads.get(n)!.dataSync()));
    tf.dispose([...grads.values()]);
    return row;
  });
}

function rowGrads(graph: Graph, params: ParamMap, x: tf.Tensor4D, names: string[], seedBytes?: number): Float32Array[][] {
  const rows = Array.from({ length: x.shape[0] }, () => names.map((n) => new Float32Array(params[n].size)));
  const seen = new Set<string>();
  checkpointedRowGrads(graph, params, x, names, (i, name, g) => {
    assert.ok(!seen.has(`${i}/${name}`), `row ${i} ${name} given twice`);
    seen.add(`${i}/${name}`);
    rows[i][names.indexOf(name)].set(g.dataSync());
  }, seedBytes);
  return rows;
}

test('every row equals its own checkpointedGrads call, bit for bit, whole and in groups of one and two rows', () => {
  const graph = tinyNb201(ARCH);
  assert.ok(segmentGraph(graph).length >= 5, 'several segments');
  const params = initParams(graph, 2, 'rows', 'pytorch');
  const x = inputOf(batchFor(graph, 5, 3));
  const names = ntkParams(graph);
  const before = tf.memory().numTensors;
  const want = perRowCalls(graph, params, x, names);
  const deadConv = names.findIndex((n) => want.every((row) => row[names.indexOf(n)].every((v) => v === 0)));
  assert.ok(deadConv >= 0, 'a parameter with zero gradients (the none-only node)');
  const widest = 5 * 32 * 32 * 2 * 4;
  for (const seedBytes of [undefined, widest, 2 * widest]) {
    const got = rowGrads(graph, params, x, names, seedBytes);
    got.forEach((row, i) => row.forEach((g, j) => assert.deepEqual(g, want[i][j], `row ${i} ${names[j]} (seedBytes ${seedBytes})`)));
  }
  assert.equal(tf.memory().numTensors, before, 'no tensor leak');
  x.dispose();
  disposeParams(params);
});

test('empiricalNtk equals J J^T of the per-row calls, bit for bit', () => {
  const graph = tinyNb201();
  const params = initParams(graph, 9, 'ntk-rows', 'pytorch');
  const x = inputOf(batchFor(graph, 4, 5));
  const names = ntkParams(graph);
  const rows = perRowCalls(graph, params, x, names).map((parts) => {
    const flat = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
    let at = 0;
    for (const p of parts) { flat.set(p, at); at += p.length; }
    return flat;
  });
  const theta = empiricalNtk(graph, params, x);
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      let s = 0;
      for (let k = 0; k < rows[i].length; k++) s += rows[i][k] * rows[j][k];
      assert.equal(theta.data[i * 4 + j], s, `Theta[${i},${j}]`);
    }
  }
  x.dispose();
  disposeParams(params);
});
