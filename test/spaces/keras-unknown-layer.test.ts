// A layer class the IR has no equivalent for (here a custom registered class) is refused naming the layer,
// its class and the supported classes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKeras } from '../../src/spaces/keras/build.js';
import { SUPPORTED_LAYERS } from '../../src/spaces/keras/layers.js';

test('unknown layer class is refused with the layer name and the supported list', () => {
  const json = {
    class_name: 'Functional',
    config: {
      name: 'm', input_layers: [['x', 0, 0]], output_layers: [['fc', 0, 0]],
      layers: [
        { class_name: 'InputLayer', name: 'x', config: { name: 'x', batch_input_shape: [null, 8, 8, 3] }, inbound_nodes: [] },
        { class_name: 'MyPackage>Swirl', name: 'swirl', config: { name: 'swirl' }, inbound_nodes: [[['x', 0, 0, {}]]] },
        { class_name: 'GlobalAveragePooling2D', name: 'gap', config: { name: 'gap' }, inbound_nodes: [[['swirl', 0, 0, {}]]] },
        { class_name: 'Dense', name: 'fc', config: { name: 'fc', units: 2 }, inbound_nodes: [[['gap', 0, 0, {}]]] },
      ],
    },
  };
  assert.throws(() => buildKeras(json, 'm', 'swirl.json'), {
    message: `swirl.json: layer "swirl" (MyPackage>Swirl): unsupported layer class "MyPackage>Swirl" (supported: ${SUPPORTED_LAYERS.join(', ')})`,
  });
});
