// Proxies that share a pass (one loss backward for grad_norm, snip, plain, fisher, grasp's g and zico; one input
// Jacobian for jacob_cov and epe_nas; one per-sample loop for grad_sign and knas; one ReLU-code forward) give
// exactly the values they give when each is computed alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/engine/backend.js';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { gaussianBatch } from '../../src/data/gaussian.js';
import { getProxy, proxyNames } from '../../src/proxies/index.js';
import { scoreArch } from '../../src/proxies/score.js';

const ARCH = '|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|none~2|';

test('all proxies together equal each proxy alone, bit for bit', async () => {
  await initBackend('wasm');
  const graph = buildNb201(ARCH, 'cifar10', 4, 1);
  const batches = [gaussianBatch(0, 6, [32, 32, 3], 10), gaussianBatch(1, 6, [32, 32, 3], 10)];
  const runs = proxyNames().map((name) => ({ proxy: getProxy(name), options: { ...getProxy(name).defaults } }));
  const together = await scoreArch(graph, ARCH, runs, 3, batches);
  for (const [i, run] of runs.entries()) {
    const [alone] = await scoreArch(graph, ARCH, [run], 3, batches);
    assert.equal(together[i].status, alone.status, `${run.proxy.name}: ${together[i].error ?? ''} / ${alone.error ?? ''}`);
    assert.ok(Object.is(together[i].value, alone.value), `${run.proxy.name}: together ${together[i].value}, alone ${alone.value}`);
  }
  assert.ok(together.filter((r) => r.status === 'ok').length >= runs.length - 1, JSON.stringify(together.filter((r) => r.status !== 'ok')));
});
