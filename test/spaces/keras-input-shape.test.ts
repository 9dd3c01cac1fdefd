// A Keras model's own input shape must match the dataset it is scored on; open (null) H / W take the dataset's,
// so a fully convolutional model scores on any image size. The logits must number the dataset's classes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKeras } from '../../src/spaces/keras/build.js';

const model = (h: number | null, w: number | null, units = 10) => ({
  class_name: 'Sequential',
  config: { name: 'm', layers: [
    { class_name: 'Conv2D', config: { name: 'c', filters: 4, kernel_size: [3, 3], padding: 'same', batch_input_shape: [null, h, w, 3] } },
    { class_name: 'GlobalAveragePooling2D', config: { name: 'gap' } },
    { class_name: 'Dense', config: { name: 'fc', units } },
  ] },
});

test('input shape: open dimensions take the dataset, set ones must match it', () => {
  const g = buildKeras(model(null, null), 'm', 'm.json', { inputShape: [16, 16, 3], classes: 10 });
  assert.deepEqual(g.inputShape, [16, 16, 3]);
  assert.deepEqual(g.nodes.find((n) => n.id === 'c')?.shape, [16, 16, 4]);
  assert.throws(() => buildKeras(model(28, 28), 'm', 'm.json', { inputShape: [32, 32, 3], classes: 10 }), {
    message: "m.json: the model takes input [28,28,3] but the dataset gives [32,32,3]; use a dataset of that shape or change the model's input",
  });
  assert.throws(() => buildKeras(model(32, 32, 100), 'm', 'm.json', { inputShape: [32, 32, 3], classes: 10 }), {
    message: 'm.json: output layer "fc" gives 100 logits but the dataset has 10 classes',
  });
  assert.throws(() => buildKeras(model(null, 32), 'm', 'm.json'), {
    message: 'm.json: input dimension 1 of [null,32,3] is open; give a dataset to fix it',
  });
});
