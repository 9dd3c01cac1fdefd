// Balanced `zsnas run --jobs N`: the parent hands archs out one at a time to whichever worker asks next, longest
// first by a cost estimate, instead of a fixed every-n-th split (on a mixed NB201 sample one of two workers got about
// two thirds of the work). Which worker scores an arch never changes its scores: each arch is scored on its own.
// Protocol over the child's IPC channel (JSON messages tagged `queue`):
//   worker -> parent  { queue: 'ready', done: [...] }  archs its own journal already holds in full (resume)
//   worker -> parent  { queue: 'next' }
//   parent -> worker  { queue: 'arch', arch: string | null }   null: nothing left
// The parent answers no `next` before every worker is ready, so an arch one worker finished before an interruption is
// never handed to another.
import type { Graph } from '../graph/ir.js';
import { countFlops } from '../graph/count.js';
import { liveNodes } from '../graph/grad.js';

/** Multiply-accumulates one live activation element is worth in time: fitted on the 6-arch suite of bench/suite.ts
 * (all-1x1 cells take 55% of all-3x3's time with 14% of its MACs: BN, ReLU and memory traffic scale with activations). */
const MACS_PER_ACTIVATION = 60;

/** Relative scoring cost of a network: MACs of the nodes that reach the output plus their activations, weighted. */
export function schedulingCost(graph: Graph): number {
  const live = liveNodes(graph);
  let activations = 0;
  for (const n of graph.nodes) if (live.has(n.id) && n.op !== 'input') activations += n.shape.reduce((a, b) => a * b, 1);
  return countFlops(graph, live) + MACS_PER_ACTIVATION * activations;
}

/** Archs by decreasing cost; ties keep the given order (so the schedule is deterministic). */
export function longestFirst(archs: readonly string[], cost: (arch: string) => number): string[] {
  const costs = new Map(archs.map((a) => [a, cost(a)]));
  return archs.map((a, i) => ({ a, i })).sort((x, y) => costs.get(y.a)! - costs.get(x.a)! || x.i - y.i).map((x) => x.a);
}

/** A static split for processes that cannot ask a queue (bench workers, PyTorch): longest first, each arch to the
 * part with the least estimated work so far. Part k keeps the archs in the order they were dealt. */
export function dealLongestFirst(archs: readonly string[], cost: (arch: string) => number, parts: number): string[][] {
  const out = Array.from({ length: parts }, () => [] as string[]);
  const load = new Array<number>(parts).fill(0);
  for (const a of longestFirst(archs, cost)) {
    const k = load.indexOf(Math.min(...load));
    out[k].push(a);
    load[k] += cost(a);
  }
  return out;
}

/** The parent's side: anything with `send` and message events (a ChildProcess with an IPC channel). */
export interface QueueWorker {
  send(message: unknown): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

export interface QueueMessage { queue: 'ready' | 'next' | 'arch'; done?: string[]; arch?: string | null }

const isQueueMessage = (m: unknown): m is QueueMessage => typeof m === 'object' && m !== null && 'queue' in m;

export class WorkQueue {
  private readonly pending: string[];
  private readonly notReady = new Set<QueueWorker>();
  private readonly waiting: QueueWorker[] = [];
  /** Which worker got each arch, in hand-out order (tests and logs read it). */
  readonly handedOut: Array<{ arch: string; worker: number }> = [];

  constructor(order: readonly string[], private readonly workers: readonly QueueWorker[]) {
    this.pending = [...order];
    workers.forEach((w, k) => {
      this.notReady.add(w);
      w.on('message', (m) => { if (isQueueMessage(m)) this.onMessage(w, k, m); });
    });
  }

  /** A worker that exits before saying ready must not hold the others back. */
  gone(worker: QueueWorker): void {
    if (this.notReady.delete(worker)) this.flush();
  }

  private onMessage(w: QueueWorker, k: number, m: QueueMessage): void {
    if (m.queue === 'ready') {
      const done = new Set(m.done ?? []);
      for (let i = this.pending.length - 1; i >= 0; i--) if (done.has(this.pending[i])) this.pending.splice(i, 1);
      this.notReady.delete(w);
      this.flush();
    } else if (m.queue === 'next') {
      this.waiting.push(w);
      this.flush();
    }
  }

  private flush(): void {
    if (this.notReady.size) return;
    for (const w of this.waiting.splice(0)) {
      const arch = this.pending.shift() ?? null;
      if (arch !== null) this.handedOut.push({ arch, worker: this.workers.indexOf(w) });
      w.send({ queue: 'arch', arch } satisfies QueueMessage);
    }
  }
}

/** The worker's side, as `zsnas run` consumes it. */
export interface ArchFeed {
  /** Reports the archs already done here; resolves at once (answers wait in `next`). */
  start(done: string[]): void;
  /** The next arch to score, or undefined when the queue is empty. */
  next(): Promise<string | undefined>;
}

/** A feed over this process's IPC channel to the parent (a `--jobs` worker). */
export function ipcArchFeed(): ArchFeed {
  const send = process.send?.bind(process);
  if (!send || !process.channel) throw new Error('--queue: this run was not started by `zsnas run --jobs N` (no channel to a parent)');
  const channel = process.channel;
  return {
    start(done) { send({ queue: 'ready', done } satisfies QueueMessage); },
    next() {
      return new Promise((resolveArch) => {
        // The channel is unref'd (a finished worker must not hang on it): hold it while an answer is due.
        channel.ref();
        const onMessage = (m: unknown) => {
          if (!isQueueMessage(m) || m.queue !== 'arch') return;
          process.off('message', onMessage);
          channel.unref();
          resolveArch(m.arch ?? undefined);
        };
        process.on('message', onMessage);
        send({ queue: 'next' } satisfies QueueMessage);
      });
    },
  };
}
