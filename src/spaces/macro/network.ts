// MacroArch -> Graph. conv: Conv-BN-ReLU. residual: ResNet basic block (two Conv-BN, ReLU after the add; a 1x1
// Conv-BN projection shortcut when stride or width changes). mbconv: MobileNetV2 inverted residual (expand 1x1 ->
// depthwise kxk -> project 1x1, linear bottleneck; identity residual only when stride is 1 and widths match).
import { GraphBuilder } from '../../graph/builder.js';
import type { Graph, Pad4 } from '../../graph/ir.js';
import type { MacroArch, MacroStage } from './types.js';

// PyTorch defaults: the macro space is declared in PyTorch terms (explicit padding, BN eps 1e-5, momentum 0.1).
const BN = { op: 'batchnorm', affine: true, eps: 1e-5, momentum: 0.1 } as const;
const pad = (k: number): Pad4 => { const p = (k - 1) / 2; return [p, p, p, p]; };

type Act = 'relu' | 'relu6' | null;

function convBn(g: GraphBuilder, id: string, x: string, k: number, stride: number, filters: number, act: Act, depthwise = false): string {
  if (depthwise) g.add(`${id}.conv`, { op: 'depthwise_conv2d', kernel: [k, k], stride, pad: pad(k), multiplier: 1, bias: false }, [x]);
  else g.add(`${id}.conv`, { op: 'conv2d', kernel: [k, k], stride, pad: pad(k), filters, bias: false }, [x]);
  const y = g.add(`${id}.bn`, BN, [`${id}.conv`]);
  return act ? g.add(`${id}.${act}`, { op: act }, [y]) : y;
}

/** Whether an mbconv block adds its input back (MobileNetV2: stride 1 and equal widths). */
export function mbconvResidual(inWidth: number, outWidth: number, stride: number): boolean {
  return stride === 1 && inWidth === outWidth;
}

function block(g: GraphBuilder, id: string, x: string, s: MacroStage, stride: number): string {
  const cin = g.shapeOf(x)[2];
  switch (s.block) {
    case 'conv':
      return convBn(g, id, x, s.kernel, stride, s.width, 'relu');
    case 'residual': {
      const a = convBn(g, `${id}.a`, x, s.kernel, stride, s.width, 'relu');
      const b = convBn(g, `${id}.b`, a, s.kernel, 1, s.width, null);
      const short = stride === 1 && cin === s.width ? x : convBn(g, `${id}.short`, x, 1, stride, s.width, null);
      g.add(`${id}.add`, { op: 'add' }, [short, b]);
      return g.add(`${id}.relu`, { op: 'relu' }, [`${id}.add`]);
    }
    case 'mbconv': {
      const hidden = cin * s.expansion;
      const e = s.expansion === 1 ? x : convBn(g, `${id}.expand`, x, 1, 1, hidden, 'relu6');
      const d = convBn(g, `${id}.dw`, e, s.kernel, stride, hidden, 'relu6', true);
      const p = convBn(g, `${id}.project`, d, 1, 1, s.width, null);
      return mbconvResidual(cin, s.width, stride) ? g.add(`${id}.add`, { op: 'add' }, [x, p]) : p;
    }
  }
}

export function buildMacro(arch: MacroArch, inputShape: [number, number, number], classes: number): Graph {
  const g = new GraphBuilder(`macro:${arch.name}`, inputShape, classes);
  const mobile = arch.stages.some((s) => s.block === 'mbconv');
  const act: Act = mobile ? 'relu6' : 'relu';
  let x = convBn(g, 'stem', 'input', arch.stem.kernel, arch.stem.stride, arch.stem.width, act);
  arch.stages.forEach((s, i) => {
    for (let d = 0; d < s.depth; d++) x = block(g, `s${i}.b${d}`, x, s, d === 0 ? s.stride : 1);
  });
  if (arch.head.width !== undefined) x = convBn(g, 'head', x, 1, 1, arch.head.width, act);
  g.add('head.gap', { op: 'global_avg_pool' }, [x]);
  g.add('head.fc', { op: 'dense', units: classes, bias: true }, ['head.gap']);
  return g.build('head.fc', x);
}
