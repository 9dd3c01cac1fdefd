// Test-only: the trained values stored in an ONNX file, laid out as the IR's parameters, so a converted graph can
// be run with PyTorch's own weights and compared with PyTorch's logits. (zsnas itself never loads weights.)
import * as tf from '@tensorflow/tfjs';
import type { ParamMap } from '../../src/graph/execute.js';
import type { Graph } from '../../src/graph/ir.js';
import { tensorValues, type OnnxModel } from '../../src/spaces/onnx/model.js';

export function onnxWeights(model: OnnxModel, graph: Graph): ParamMap {
  const producer = new Map(model.nodes.map((n) => [n.outputs[0], n]));
  const readers = new Map<string, typeof model.nodes>();
  for (const n of model.nodes) for (const i of n.inputs) readers.set(i, [...(readers.get(i) ?? []), n]);
  const init = (name: string) => {
    // Weights may reach their node through Identity (eval exports share them that way).
    let src = name;
    while (!model.initializers.has(src) && producer.get(src)?.opType === 'Identity') src = producer.get(src)!.inputs[0];
    const t = model.initializers.get(src);
    if (!t) throw new Error(`no initializer behind "${name}"`);
    return tf.tensor(tensorValues(t, 'test')!, t.dims);
  };
  const out: ParamMap = {};
  for (const p of graph.params) {
    const node = graph.nodes.find((n) => n.id === p.node)!;
    const src = producer.get(p.node)!;
    out[p.name] = tf.tidy(() => {
      if (node.op === 'conv2d') return p.role === 'weight' ? tf.transpose(init(src.inputs[1]), [2, 3, 1, 0]) : init(src.inputs[2]);
      if (node.op === 'depthwise_conv2d') {
        if (p.role === 'bias') return init(src.inputs[2]);
        const w = init(src.inputs[1]);
        const [cout, , kh, kw] = w.shape;
        return tf.transpose(tf.reshape(w, [cout / node.multiplier, node.multiplier, kh, kw]), [2, 3, 0, 1]);
      }
      if (node.op === 'dense') {
        if (src.opType === 'Gemm') {
          if (p.role === 'bias') return init(src.inputs[2]);
          const w = init(src.inputs[1]);
          return (src.attrs.get('transB')?.i ?? 0) === 1 ? tf.transpose(w) : w;
        }
        if (p.role === 'weight') return init(src.inputs[1]);
        const add = readers.get(src.outputs[0])![0];
        return init(add.inputs[0] === src.outputs[0] ? add.inputs[1] : add.inputs[0]);
      }
      if (node.op === 'batchnorm') return init(src.inputs[p.role === 'gamma' ? 1 : 2]);
      throw new Error(`no weights for ${node.op}`);
    });
  }
  return out;
}

/** The closed-form batch of scripts/make-onnx-models.py (sin(0.37 i) over NCHW), as NHWC. */
export function closedFormInput(shape: readonly [number, number, number], n = 2): tf.Tensor4D {
  const [h, w, c] = shape;
  const nchw = Float32Array.from({ length: n * c * h * w }, (_, i) => Math.sin(0.37 * i));
  return tf.tidy(() => tf.transpose(tf.tensor4d(nchw, [n, c, h, w]), [0, 2, 3, 1]) as tf.Tensor4D);
}
