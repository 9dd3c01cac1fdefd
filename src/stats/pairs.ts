// Paired inputs: (proxy score, accuracy) pairs where either side is NaN or ±inf are dropped and counted,
// so a proxy that fails on some archs never poisons a correlation.

/** A correlation over the finite pairs. `value` is NaN (never a throw) when it is undefined; `reason` says why. */
export interface CorrelationResult {
  value: number;
  /** Pairs used. */
  n: number;
  /** Pairs dropped because the score or the accuracy was NaN or ±inf. */
  dropped: number;
  reason?: string;
}

export interface FinitePairs {
  x: Float64Array;
  y: Float64Array;
  /** Position of each kept pair in the input. */
  index: Uint32Array;
  dropped: number;
}

export function finitePairs(x: ArrayLike<number>, y: ArrayLike<number>): FinitePairs {
  if (x.length !== y.length) {
    throw new RangeError(`paired vectors differ in length: ${x.length} scores vs ${y.length} accuracies`);
  }
  const keep: number[] = [];
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) keep.push(i);
  const index = Uint32Array.from(keep);
  return {
    x: Float64Array.from(index, (i) => x[i]),
    y: Float64Array.from(index, (i) => y[i]),
    index,
    dropped: x.length - index.length,
  };
}

/** Why a correlation of finite vectors is undefined, or undefined when it is defined. */
export function undefinedReason(n: number, xConstant: boolean, yConstant: boolean): string | undefined {
  if (n < 2) return `fewer than 2 finite pairs (${n})`;
  if (xConstant) return `proxy scores (x) are constant over ${n} pairs`;
  if (yConstant) return `accuracies (y) are constant over ${n} pairs`;
  return undefined;
}
