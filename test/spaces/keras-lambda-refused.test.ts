// A Lambda layer (Python code) is refused by name and class; the loader never evaluates anything from the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKeras, KerasError } from '../../src/spaces/keras/build.js';

test('Lambda is refused with a message naming the layer and its class', () => {
  const json = {
    class_name: 'Sequential',
    config: { name: 'm', layers: [
      { class_name: 'Conv2D', config: { name: 'conv', filters: 4, kernel_size: [3, 3], batch_input_shape: [null, 8, 8, 3] } },
      // Keras stores the lambda's marshalled bytecode: it must never be run.
      { class_name: 'Lambda', config: { name: 'double_it', function: ['4wEAAAAAAAAA', null, null], function_type: 'lambda' } },
      { class_name: 'GlobalAveragePooling2D', config: { name: 'gap' } },
      { class_name: 'Dense', config: { name: 'fc', units: 2 } },
    ] },
  };
  assert.throws(() => buildKeras(json, 'm', 'models/lambda.json'), (e: Error) => {
    assert.ok(e instanceof KerasError);
    assert.equal(e.message, 'models/lambda.json: layer "double_it" (Lambda): layers that run code are refused ' +
      '(zsnas never executes code from a model file); rewrite it with built-in layers');
    return true;
  });
});
