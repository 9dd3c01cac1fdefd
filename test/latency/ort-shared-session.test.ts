// Byte-identical models share one onnxruntime session (two sessions of one model differ persistently by a few
// percent, which would read as a change between a PR's base and head): the same arch twice holds one session,
// another seed or thread count its own; the session lives until its last workload is disposed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { liveOrtSessions, ortNetworkWorkload } from '../../src/latency/ort-workload.js';
import { ortOrSkip } from './ort-available.js';

const ort = await ortOrSkip();
const ARCH = '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|';

test('the same model shares a session; other seeds and thread counts do not; the last dispose releases it', { skip: ort.skip }, async () => {
  const rt = ort.rt!;
  assert.equal(liveOrtSessions(), 0);
  const base = await ortNetworkWorkload(rt, buildNb201(ARCH), ARCH, 1, 0, { threads: 1 });
  const head = await ortNetworkWorkload(rt, buildNb201(ARCH), ARCH, 1, 0, { threads: 1 });
  assert.notEqual(base, head, 'each caller gets its own workload');
  assert.equal(liveOrtSessions(), 1);
  const otherSeed = await ortNetworkWorkload(rt, buildNb201(ARCH), ARCH, 1, 1, { threads: 1 });
  const otherThreads = await ortNetworkWorkload(rt, buildNb201(ARCH), ARCH, 1, 0, { threads: 2 });
  const otherBatch = await ortNetworkWorkload(rt, buildNb201(ARCH), ARCH, 2, 0, { threads: 1 });
  assert.equal(liveOrtSessions(), 4);
  base.dispose();
  base.dispose(); // a second dispose of the same workload must not release the session head still uses
  assert.equal(liveOrtSessions(), 4);
  await head.run();
  head.dispose();
  assert.equal(liveOrtSessions(), 3);
  for (const w of [otherSeed, otherThreads, otherBatch]) w.dispose();
  assert.equal(liveOrtSessions(), 0);
});
