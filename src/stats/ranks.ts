// Orderings shared by the statistics: sort orders, average ranks, and the one key order used for tie-breaking.

/** Code-unit order of arch keys. Not localeCompare: the result must not depend on the machine's locale. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Indices 0..n-1 sorted ascending by value; equal values keep index order. Values must be finite. */
export function sortedOrder(values: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => values[a] - values[b] || a - b);
}

/**
 * 1-based ranks where tied values share the mean of the ranks they span,
 * e.g. [10, 20, 20, 30] -> [1, 2.5, 2.5, 4]. Values must be finite.
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = sortedOrder(values);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && values[order[j]] === values[order[i]]) j++;
    const mean = (i + 1 + j) / 2; // positions i..j-1 hold ranks i+1..j
    for (let k = i; k < j; k++) ranks[order[k]] = mean;
    i = j;
  }
  return ranks;
}
