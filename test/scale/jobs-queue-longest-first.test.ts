// `--jobs` hands archs out from one queue, longest first by a cost estimate, to whichever worker asks; archs a worker's
// journal already holds (an interrupted run) are never handed to another worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { countFlops } from '../../src/graph/count.js';
import { dealLongestFirst, longestFirst, schedulingCost, WorkQueue, type QueueMessage } from '../../src/commands/work-queue.js';

/** A stand-in for a child process: records what the parent sends, lets the test play the child's messages. */
class FakeWorker extends EventEmitter {
  readonly got: Array<string | null> = [];
  send(m: unknown): boolean {
    this.got.push((m as QueueMessage).arch ?? null);
    return true;
  }
  say(m: QueueMessage): void {
    this.emit('message', m);
  }
}

test('longest first, ties in the given order', () => {
  const cost: Record<string, number> = { a: 1, b: 5, c: 3, d: 5 };
  assert.deepEqual(longestFirst(['a', 'b', 'c', 'd'], (x) => cost[x]), ['b', 'd', 'c', 'a']);
});

test('a static split deals longest first to the least loaded part', () => {
  const cost: Record<string, number> = { a: 7, b: 5, c: 4, d: 3, e: 1 };
  // a -> 0 (7); b -> 1 (5); c -> 1 (9); d -> 0 (10); e -> 1 (10)
  assert.deepEqual(dealLongestFirst(['e', 'd', 'c', 'b', 'a'], (x) => cost[x], 2), [['a', 'd'], ['b', 'c', 'e']]);
});

test('the queue waits for every worker to be ready, skips what they hold, then serves whoever asks', () => {
  const w0 = new FakeWorker(), w1 = new FakeWorker();
  const q = new WorkQueue(['big', 'mid', 'held', 'small'], [w0, w1]);
  w0.say({ queue: 'ready', done: [] });
  w0.say({ queue: 'next' });
  assert.deepEqual(w0.got, [], 'no answer before worker 1 has said what its journal holds');
  w1.say({ queue: 'ready', done: ['held'] });
  assert.deepEqual(w0.got, ['big']);
  w1.say({ queue: 'next' });
  w1.say({ queue: 'next' }); // worker 1 finished 'mid' while worker 0 is still on 'big'
  w1.say({ queue: 'next' });
  w0.say({ queue: 'next' });
  assert.deepEqual(w1.got, ['mid', 'small', null]);
  assert.deepEqual(w0.got, ['big', null]);
  assert.deepEqual(q.handedOut, [{ arch: 'big', worker: 0 }, { arch: 'mid', worker: 1 }, { arch: 'small', worker: 1 }]);
});

test('a worker that exits before it is ready does not stall the others', () => {
  const w0 = new FakeWorker(), w1 = new FakeWorker();
  const q = new WorkQueue(['x'], [w0, w1]);
  w0.say({ queue: 'ready', done: [] });
  w0.say({ queue: 'next' });
  q.gone(w1);
  assert.deepEqual(w0.got, ['x']);
});

test('the cost estimate ignores branches that never reach the output, and orders heavy cells first', () => {
  // Nodes 1 and 2 feed only none edges: their convolutions are dead, so the cost equals the all-none cell's.
  const dead = buildNb201('|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|', 'cifar10');
  const bare = buildNb201('|none~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|', 'cifar10');
  assert.equal(schedulingCost(dead), schedulingCost(bare));
  assert.ok(countFlops(dead) > countFlops(bare), 'the reported FLOPs still count every node');
  const archs = {
    conv3: '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|',
    conv1: '|nor_conv_1x1~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_1x1~0|nor_conv_1x1~1|nor_conv_1x1~2|',
    pool: '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|',
  };
  const cost = (a: string) => schedulingCost(buildNb201(a, 'cifar10'));
  // Measured (bench/suite.ts, all 15 proxies): 49.7 s, 27.3 s, 14.3 s.
  assert.deepEqual(longestFirst([archs.pool, archs.conv1, archs.conv3], cost), [archs.conv3, archs.conv1, archs.pool]);
});
