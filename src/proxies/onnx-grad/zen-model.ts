// Zen-score's forwards on onnxruntime: the train-mode BN forward over the whole graph (every BN updates its running
// statistics in the reference, dead branches included), answering the pre-GAP map and each BN node's batch mean and
// biased variance. PyTorch's running statistics are updated from them exactly as graph/execute.ts does on tfjs
// (momentum, unbiased variance, float32 arrays).
import type { Graph } from '../../graph/ir.js';
import type { RunningStats } from '../../graph/execute.js';
import { nchwDims, valueOf } from './forward.js';
import { buildForwardModel, ForwardSession } from './forward-model.js';

interface BnOutputs { id: string; momentum: number; mean: string; variance: string; channels: number; count: number }

export class ZenSession {
  private constructor(private readonly session: ForwardSession, private readonly preGap: string, private readonly bn: BnOutputs[]) {}

  get graph(): Graph { return this.session.graph; }
  get batch(): number { return this.session.batch; }

  static async create(graph: Graph, batch: number): Promise<ZenSession> {
    const preGap = valueOf(graph.preGap);
    const bn: BnOutputs[] = [];
    const model = buildForwardModel(graph, batch, 'zen', (_m, fwd) => {
      const outputs = [{ name: preGap, dims: nchwDims(graph.nodes.find((n) => n.id === graph.preGap)!.shape, batch) }];
      for (const node of graph.nodes) {
        if (node.op !== 'batchnorm') continue;
        const stats = fwd.bn.get(node.id)!;
        const channels = node.shape.at(-1)!;
        const dims = node.shape.length === 3 ? [1, channels, 1, 1] : [1, channels];
        bn.push({ id: node.id, momentum: node.momentum, mean: stats.mean, variance: stats.variance, channels,
          count: batch * node.shape.slice(0, -1).reduce((a, b) => a * b, 1) });
        outputs.push({ name: stats.mean, dims }, { name: stats.variance, dims });
      }
      return outputs;
    });
    return new ZenSession(await ForwardSession.create(graph, batch, model), preGap, bn);
  }

  /** The pre-GAP map (NCHW) of one train-mode forward; updates `running` as PyTorch's BN does. */
  async forward(images: Float32Array, params: ReadonlyMap<string, Float32Array>, running: RunningStats): Promise<Float32Array> {
    const out = await this.session.run(images, params);
    for (const b of this.bn) {
      const mean = out.get(b.mean)!, v = out.get(b.variance)!;
      // graph/execute.ts updateRunning, step for step.
      const rm = running.mean.get(b.id) ?? new Float32Array(b.channels);
      const rv = running.variance.get(b.id) ?? new Float32Array(b.channels).fill(1);
      const unbias = b.count > 1 ? b.count / (b.count - 1) : 1;
      for (let k = 0; k < b.channels; k++) {
        rm[k] = (1 - b.momentum) * rm[k] + b.momentum * mean[k];
        rv[k] = (1 - b.momentum) * rv[k] + b.momentum * v[k] * unbias;
      }
      running.mean.set(b.id, rm);
      running.variance.set(b.id, rv);
    }
    return out.get(this.preGap)!;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
