// Gradient passes skip nodes that reach neither the output nor a node the caller keeps (NB201 nodes feeding only
// 'none' edges): exact node counts on a cell with dead branches, and kept nodes keep their ancestors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { withoutDeadNodes } from '../../src/graph/checkpoint.js';

test('a cell whose nodes 1 and 2 feed only none edges loses their convolutions, and nothing else', () => {
  // Cell: node1 = conv3x3(node0), node2 = conv3x3(node1), node3 = skip(node0): nodes 1 and 2 are dead.
  const g = buildNb201('|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|', 'cifar10', 4, 1);
  const pruned = withoutDeadNodes(g, new Set());
  const removed = g.nodes.filter((n) => !pruned.nodes.includes(n));
  // Per cell: two ReLU-conv-BN edges of 3 nodes each (relu, conv, batchnorm) and the sums of nodes 1 and 2;
  // 3 cells (one per stage).
  assert.equal(removed.length, 3 * (2 * 3 + 2), removed.map((n) => n.id).join(' '));
  assert.ok(removed.every((n) => /^s\d\.c0\.(e01\.|e12\.|n1$|n2$)/.test(n.id)), removed.map((n) => n.id).join(' '));
  assert.equal(pruned.output, g.output);
  const keepDead = 's0.c0.e12.conv';
  const kept = withoutDeadNodes(g, new Set([keepDead]));
  // Kept in stage 0: the conv, its ReLU, node 1's sum and the edge into node 1 (3 nodes); node 2's BN and sum go.
  assert.equal(g.nodes.length - kept.nodes.length, 3 * (2 * 3 + 2) - 6, 'the kept conv and its ancestors stay');
  const live = buildNb201('|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|', 'cifar10', 4, 1);
  assert.equal(withoutDeadNodes(live, new Set()), live, 'nothing dead: the same graph object');
});
