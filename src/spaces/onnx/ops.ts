// The operator table: ONNX op type -> converter. Shape arithmetic on constants is folded first (fold.ts);
// everything here acts on computed tensors.
import type { NodeCtx, Value } from './context.js';
import { FOLDED_OPS } from './fold.js';
import { clip, hardSigmoid, hardSwish, leakyRelu, passThrough, relu, sigmoid, softmax } from './ops-activation.js';
import { arith } from './ops-arith.js';
import { concat, flatten, reshape, slice, split, squeeze, transpose, unsqueeze } from './ops-layout.js';
import { batchNorm, conv, gemm, matmul } from './ops-linear.js';
import { averagePool, globalAveragePool, maxPool, pad, reduceMean } from './ops-pool.js';

export type Converter = (ctx: NodeCtx) => Value[];

export const CONVERTERS: Readonly<Record<string, Converter>> = {
  Conv: conv, Gemm: gemm, MatMul: (ctx) => matmul(ctx), BatchNormalization: batchNorm,
  Relu: relu, Clip: clip, LeakyRelu: leakyRelu, Sigmoid: sigmoid, HardSigmoid: hardSigmoid, HardSwish: hardSwish,
  Softmax: softmax, LogSoftmax: softmax, Identity: passThrough, Dropout: passThrough, Cast: passThrough,
  Add: arith, Sub: arith, Mul: arith, Div: arith,
  MaxPool: maxPool, AveragePool: averagePool, GlobalAveragePool: globalAveragePool, ReduceMean: reduceMean, Pad: pad,
  Flatten: flatten, Reshape: reshape, Transpose: transpose, Concat: concat, Split: split, Slice: slice, Squeeze: squeeze, Unsqueeze: unsqueeze,
};

/** Every op type zsnas reads (on tensors, or on constants only), for the unsupported-operator message. */
export const SUPPORTED_OPS: readonly string[] = [...new Set([...Object.keys(CONVERTERS), ...FOLDED_OPS])].sort();
