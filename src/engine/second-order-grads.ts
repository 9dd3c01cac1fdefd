// Gradients of the backward kernels tfjs-core 4.22 leaves undifferentiable, so that a gradient can itself be
// differentiated (exact Hessian-vector products, GraSP). Each backward kernel is linear in its upstream
// gradient, so its gradient is again a convolution / pooling kernel the engine already has:
//   dW = BackpropFilter(x, dy):  d<ddW, dW>/dx = BackpropInput(dy, ddW),  d<ddW, dW>/ddy = conv(x, ddW)
//   dx = BackpropInput(dy, W):   provided by tfjs for plain conv; for depthwise: d/ddy = dwconv(ddx, W),
//                                d/dW = dwBackpropFilter(ddx, dy)
//   dx = AvgPoolGrad(dy):        d/ddy = avgPool(ddx) (the adjoint of the adjoint), nothing w.r.t. the input.
//   lessEqual (inside Relu6's gradient), greater (inside LeakyRelu's): zero.
// Registered by name, so they hold on every backend (the wasm replacements of src/engine/wasm-kernels.ts too).
// MaxPoolGrad stays unregistered: a Hessian product through max pooling fails loudly instead of being wrong.
import * as tf from '@tensorflow/tfjs';

type Attrs = Record<string, unknown>;
const run = (kernel: string, inputs: Record<string, tf.Tensor>, attrs: Attrs): tf.Tensor =>
  tf.engine().runKernel(kernel, inputs as never, attrs as never) as tf.Tensor;

const configs: tf.GradConfig[] = [
  {
    kernelName: tf.Conv2DBackpropFilter,
    inputsToSave: ['x', 'dy'],
    gradFunc: (ddw, saved, attrs) => {
      const [x, dy] = saved;
      const a = attrs as Attrs;
      const common = { strides: a.strides, pad: a.pad, dataFormat: a.dataFormat, dimRoundingMode: a.dimRoundingMode };
      return {
        x: () => run(tf.Conv2DBackpropInput, { dy, filter: ddw as tf.Tensor }, { ...common, inputShape: x.shape }),
        dy: () => run(tf.Conv2D, { x, filter: ddw as tf.Tensor }, { ...common, dilations: [1, 1] }),
      };
    },
  },
  {
    kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
    inputsToSave: ['x', 'dy'],
    gradFunc: (ddw, saved, attrs) => {
      const [x, dy] = saved;
      const a = attrs as Attrs;
      const common = { strides: a.strides, pad: a.pad, dilations: a.dilations ?? [1, 1], dimRoundingMode: a.dimRoundingMode };
      return {
        x: () => run(tf.DepthwiseConv2dNativeBackpropInput, { dy, filter: ddw as tf.Tensor }, { ...common, inputShape: x.shape }),
        dy: () => run(tf.DepthwiseConv2dNative, { x, filter: ddw as tf.Tensor }, { ...common, dataFormat: 'NHWC' }),
      };
    },
  },
  {
    kernelName: tf.DepthwiseConv2dNativeBackpropInput,
    inputsToSave: ['dy', 'filter'],
    gradFunc: (ddx, saved, attrs) => {
      const [dy, filter] = saved;
      const a = attrs as Attrs;
      const common = { strides: a.strides, pad: a.pad, dilations: a.dilations ?? [1, 1], dimRoundingMode: a.dimRoundingMode };
      return {
        dy: () => run(tf.DepthwiseConv2dNative, { x: ddx as tf.Tensor, filter }, { ...common, dataFormat: 'NHWC' }),
        filter: () => run(tf.DepthwiseConv2dNativeBackpropFilter, { x: ddx as tf.Tensor, dy }, { ...common, filterShape: filter.shape }),
      };
    },
  },
  {
    kernelName: tf.AvgPoolGrad,
    inputsToSave: ['input'],
    gradFunc: (ddx, saved, attrs) => {
      const [input] = saved;
      const a = attrs as Attrs;
      return {
        dy: () => run(tf.AvgPool, { x: ddx as tf.Tensor },
          { filterSize: a.filterSize, strides: a.strides, pad: a.pad, dimRoundingMode: a.dimRoundingMode }),
        input: () => tf.zerosLike(input),
      };
    },
  },
  // Relu6's gradient masks dy with lessEqual(x, 6): a comparison, flat almost everywhere (zero gradient).
  {
    kernelName: tf.LessEqual,
    inputsToSave: ['a', 'b'],
    gradFunc: (_dy, saved) => ({ a: () => tf.zerosLike(saved[0]), b: () => tf.zerosLike(saved[1]) }),
  },
  // LeakyRelu's gradient selects with greater(x, 0): likewise.
  {
    kernelName: tf.Greater,
    inputsToSave: ['a', 'b'],
    gradFunc: (_dy, saved) => ({ a: () => tf.zerosLike(saved[0]), b: () => tf.zerosLike(saved[1]) }),
  },
];

let registered = false;

/** Registers the gradients above once (idempotent; tfjs keeps one gradient per kernel name). */
export function registerSecondOrderGradients(): void {
  if (registered) return;
  for (const c of configs) if (tf.getGradient(c.kernelName) == null) tf.registerGradient(c);
  registered = true;
}

/** Kernel names given a gradient here, for tests and reports. */
export const SECOND_ORDER_KERNELS: readonly string[] = configs.map((c) => c.kernelName);
