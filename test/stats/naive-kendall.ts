// Test-only reference: tau-b by looking at every pair, O(n^2). Slow but obviously right; Knight's version is checked
// against it. Inputs must be finite.

export interface PairCounts { concordant: number; discordant: number; xTies: number; yTies: number; jointTies: number }

/** Classifies all n(n-1)/2 pairs. xTies and yTies include the joint ties (they are n1 and n2 of tau-b). */
export function countPairs(x: ArrayLike<number>, y: ArrayLike<number>): PairCounts {
  const c: PairCounts = { concordant: 0, discordant: 0, xTies: 0, yTies: 0, jointTies: 0 };
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(x[i] - x[j]), dy = Math.sign(y[i] - y[j]);
      if (dx === 0) c.xTies++;
      if (dy === 0) c.yTies++;
      if (dx === 0 && dy === 0) c.jointTies++;
      else if (dx * dy > 0) c.concordant++;
      else if (dx * dy < 0) c.discordant++;
    }
  }
  return c;
}

export function naiveTauB(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const c = countPairs(x, y), n0 = (x.length * (x.length - 1)) / 2;
  return (c.concordant - c.discordant) / Math.sqrt((n0 - c.xTies) * (n0 - c.yTies));
}
