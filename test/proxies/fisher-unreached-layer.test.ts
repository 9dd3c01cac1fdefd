// fisher on onnxruntime where a live conv's output reaches the loss only through `none` edges (the backward has no
// path to it): the layer's statistic is 0, as on tfjs, not a crash ("F is not iterable" on 2 of the first 10
// archs of the NB201 ablation sample).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { scoreArch } from '../../src/proxies/score.js';
import { getProxy } from '../../src/proxies/index.js';
import { batches, relErr, useCpu } from './grad-helpers.js';

before(useCpu);

for (const arch of [
  '|none~0|+|none~0|nor_conv_1x1~1|+|none~0|skip_connect~1|none~2|',
  '|avg_pool_3x3~0|+|none~0|none~1|+|none~0|none~1|nor_conv_1x1~2|',
]) {
  test(`fisher on ${arch}: onnxruntime gives tfjs's value`, async () => {
    const graph = buildNb201(arch, 'cifar10', 4, 1);
    const bs = batches(graph, 6, 1);
    const runs = [{ proxy: getProxy('fisher'), options: {} }];
    const [ort] = await scoreArch(graph, arch, runs, 1, bs, 'pytorch', 'onnxruntime');
    const [tfjs] = await scoreArch(graph, arch, runs, 1, bs, 'pytorch', 'tfjs');
    assert.equal(ort.status, 'ok', ort.error);
    assert.equal(ort.engine, 'onnxruntime');
    assert.equal(tfjs.status, 'ok', tfjs.error);
    assert.ok(relErr(ort.value, tfjs.value) <= 1e-4, `onnxruntime ${ort.value} vs tfjs ${tfjs.value}`);
  });
}
