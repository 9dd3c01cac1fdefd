// Which engine computes a gradient pass: onnxruntime-node on an explicit forward+backward ONNX model
// (proxies/onnx-grad), or tfjs autodiff (graph/checkpoint.ts). onnxruntime's native kernels run one NB201 pass
// about 3.7x faster than tfjs's wasm ones (bench/onnx-grad-pass.ts). `auto` uses onnxruntime where it loads and
// every op of the graph has a backward rule, tfjs otherwise; the reason for a fallback is noted for run.json.
// One session per arch and model kind serves every pass over it (batches, schemes); released with the context.
import type { InitScheme } from '../../graph/init.js';
import type { ProxyEngineChoice } from '../../spec/types.js';
import { unsupportedReason } from '../onnx-grad/forward.js';
import { GradSession, type GradFeeds } from '../onnx-grad/session.js';
import type { GradLoss } from '../onnx-grad/build.js';
import { NoTangentRule } from '../onnx-grad/tangent.js';
import { loadOrt } from '../../latency/ort-engine.js';
import type { ProxyContext } from '../types.js';

export type GradEngineName = 'onnxruntime' | 'tfjs';

export interface EngineNote {
  engine: GradEngineName;
  /** Why `auto` (or an unsupported graph) fell back to tfjs. */
  reason?: string;
}

export function engineChoice(ctx: ProxyContext): ProxyEngineChoice {
  return ctx.gradEngine ?? 'tfjs';
}

export interface OrtModelKind {
  loss: GradLoss;
  batch: number;
  weights: readonly string[];
  inputGrad?: boolean;
  fisher?: readonly string[];
  frozenRelu?: boolean;
  /** Also H·v (tangent model, onnx-grad/tangent.ts). */
  hvp?: boolean;
}

/**
 * The onnxruntime session for a gradient model of ctx's graph, or none where tfjs must compute the pass (choice
 * tfjs, graph not supported, runtime not loadable under auto), with the note for run.json (the caller records it).
 * An explicit `onnxruntime` whose runtime does not load throws, as the latency engine does; a graph it has no
 * backward rules for still falls back, saying so.
 */
export async function ortGradSession(ctx: ProxyContext, kind: OrtModelKind): Promise<{ session?: GradSession; note: EngineNote }> {
  const choice = engineChoice(ctx);
  const declined = await ortDeclined(ctx, kind.frozenRelu && ctx.graph.nodes.some((n) => n.op === 'relu6')
    ? 'frozen ReLU6 patterns (0/1/6) have no onnxruntime rule' : undefined);
  if (declined) return declined;
  const onDispose = ctx.onDispose!.bind(ctx);
  const key = `ort-grad-session:${kind.loss}:${kind.batch}:${kind.inputGrad === true}:${kind.frozenRelu === true}:` +
    `${kind.hvp === true}:${(kind.fisher ?? []).join(',')}:${kind.weights.join(',')}`;
  let session: GradSession;
  try {
    session = await ctx.shared(key, () => {
      const created = GradSession.create(ctx.graph, { ...kind });
      // Released with the arch (ctx.dispose), after every proxy that could reuse it.
      onDispose(() => created.then((s) => s.release(), () => undefined));
      return created;
    });
  } catch (e) {
    // A graph whose gradient model has an op without a tangent rule is declined like one without a backward rule.
    if (choice === 'onnxruntime' && !(e instanceof NoTangentRule)) throw e;
    return tfjs(`onnxruntime could not load the gradient model: ${(e as Error).message.split('\n')[0]}`);
  }
  return { session, note: { engine: 'onnxruntime' } };
}

/**
 * Where onnxruntime cannot serve ctx (choice tfjs, an op without a rule, `decline` from the caller, the runtime not
 * loadable under auto, a context that cannot release sessions): the tfjs note saying why. Undefined: it can.
 * An explicit `onnxruntime` whose runtime does not load throws.
 */
export async function ortDeclined(ctx: ProxyContext, decline?: string): Promise<{ note: EngineNote } | undefined> {
  const choice = engineChoice(ctx);
  if (choice === 'tfjs') return tfjs();
  const unsupported = unsupportedReason(ctx.graph);
  if (unsupported) return tfjs(unsupported);
  if (decline) return tfjs(decline);
  try {
    await loadOrt();
  } catch (e) {
    if (choice === 'onnxruntime') throw e;
    return tfjs((e as Error).message);
  }
  if (!ctx.onDispose) return tfjs('this proxy context cannot release onnxruntime sessions');
  return undefined;
}

export function tfjs(reason?: string): { note: EngineNote } {
  return { note: { engine: 'tfjs', ...(reason ? { reason } : {}) } };
}

/**
 * Images and one-hot labels of calibration batch b (n samples from `start`; all from 0 by default) and the parameter
 * values of a scheme, as arrays.
 */
export function ortFeeds(ctx: ProxyContext, b: number, n: number | undefined, scheme: InitScheme, start = 0): GradFeeds {
  const batch = ctx.batches[b];
  if (!batch) throw new Error(`calibration batch ${b} requested but only ${ctx.batches.length} configured (data.batches)`);
  const count = Math.max(0, Math.min(n ?? batch.n, batch.n - start));
  const per = batch.height * batch.width * 3;
  const k = ctx.graph.numClasses;
  const labels = new Float32Array(count * k);
  for (let i = 0; i < count; i++) labels[i * k + batch.labels[start + i]] = 1;
  const params = ctx.shared(`param-arrays:${scheme}`, () => {
    const p = ctx.params(scheme);
    return new Map(ctx.graph.params.map((s) => [s.name, p[s.name].dataSync() as Float32Array]));
  });
  return { images: batch.images.subarray(start * per, (start + count) * per), labels, params };
}
