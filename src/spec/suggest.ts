// "Did you mean" suggestions for misspelt keys, proxy names and CSV columns.

/** Levenshtein distance with adjacent transpositions counted as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const m = a.length, n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1);
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

const loose = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');

/**
 * The candidate closest to `given`, or undefined when none is plausibly meant. Case and `-`/`_` differences
 * win outright (batchSize -> batch_size); otherwise the edit distance must be at most about a third of the length.
 */
export function nearest(given: string, candidates: readonly string[]): string | undefined {
  const g = loose(given);
  const exact = candidates.find((c) => loose(c) === g);
  if (exact !== undefined) return exact;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    // A candidate whose length differs by more than the limit cannot be close (and a 10 MB name costs nothing).
    if (Math.abs(loose(c).length - g.length) > Math.max(1, Math.floor(Math.max(g.length, 3) / 3)) && g.length > 64) continue;
    const d = editDistance(g, loose(c));
    if (d < bestD) { bestD = d; best = c; }
  }
  const limit = Math.max(1, Math.floor(Math.max(g.length, 3) / 3));
  return bestD <= limit ? best : undefined;
}

/** ` (did you mean "x"?)` or the empty string. */
export function didYouMean(given: string, candidates: readonly string[]): string {
  const s = nearest(given, candidates);
  return s === undefined ? '' : ` (did you mean "${s}"?)`;
}
