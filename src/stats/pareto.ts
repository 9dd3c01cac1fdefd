// Hardware-aware comparison (survey Figs. 18-19): under each cost budget the proxy picks its best-scoring arch
// among those that fit, and we compare that pick with the most accurate arch that fits. The gap, averaged over a
// budget sweep, is the proxy's distance from the ground-truth Pareto front. All ties break by arch key.
import { compareKeys } from './ranks.js';

export interface BudgetPick {
  budget: number;
  /** Archs with finite cost <= budget and finite accuracy. */
  nFeasible: number;
  /** null when no feasible arch has a finite score. */
  pickArch: string | null;
  pickAccuracy: number;
  pickCost: number;
  bestArch: string | null;
  bestAccuracy: number;
  /** bestAccuracy - pickAccuracy (>= 0); NaN when there is no pick. */
  gap: number;
}

export interface ProxySweep {
  proxy: string;
  picks: BudgetPick[];
  /** Mean gap over the budgets with a pick; NaN when there is none. */
  meanGap: number;
}

export interface FrontPoint { arch: string; cost: number; accuracy: number }

interface Candidate { arch: string; cost: number; accuracy: number; score: number }

/** Archs with a finite cost and a finite accuracy (a NaN cost means "not measured": excluded), by cost then key. */
function candidates(cost: Map<string, number>, accuracy: Map<string, number>, score?: Map<string, number>): Candidate[] {
  const out: Candidate[] = [];
  for (const [arch, c] of cost) {
    const a = accuracy.get(arch) ?? NaN;
    if (Number.isFinite(c) && Number.isFinite(a)) out.push({ arch, cost: c, accuracy: a, score: score?.get(arch) ?? NaN });
  }
  return out.sort((p, q) => p.cost - q.cost || compareKeys(p.arch, q.arch));
}

/**
 * k budgets at the cost quantiles j/k, j = 1..k, each the ceil(j/k * n)-th smallest finite cost (an observed cost,
 * so budget j admits at least that many archs; the last admits all). Equal budgets (tied costs) are merged,
 * so fewer than k may come back. Ascending.
 */
export function budgetsFromQuantiles(costs: Iterable<number>, k: number): number[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`number of budgets must be a positive integer, got ${k}`);
  const sorted = Float64Array.from([...costs].filter(Number.isFinite)).sort();
  const budgets: number[] = [];
  if (sorted.length === 0) return budgets;
  for (let j = 1; j <= k; j++) {
    const b = sorted[Math.ceil(Math.round((j / k) * sorted.length * 1e9) / 1e9) - 1];
    if (budgets.length === 0 || b !== budgets[budgets.length - 1]) budgets.push(b);
  }
  return budgets;
}

/**
 * One proxy under each budget. Higher score is better (pass direction -1 for lower-is-better proxies).
 * Archs come from the cost map; one without a finite score (or absent from `score`) cannot be picked but still
 * counts as feasible and can be the best within the budget.
 */
export function budgetSweep(
  score: Map<string, number>, cost: Map<string, number>, accuracy: Map<string, number>,
  budgets: readonly number[], direction: 1 | -1 = 1,
): BudgetPick[] {
  const archs = candidates(cost, accuracy, score);
  // Prefix winners over the cost-sorted archs: a budget's feasible set is a prefix, so each answer is a lookup.
  const pickAt: Array<Candidate | null> = [], bestAt: Candidate[] = [];
  let pick: Candidate | null = null, best: Candidate | null = null;
  for (const c of archs) {
    const s = direction * c.score;
    if (Number.isFinite(s) && (!pick || beats(s, c.arch, direction * pick.score, pick.arch))) pick = c;
    if (!best || beats(c.accuracy, c.arch, best.accuracy, best.arch)) best = c;
    pickAt.push(pick); bestAt.push(best);
  }
  return budgets.map((budget) => {
    const nFeasible = countAtMost(archs, budget);
    const p = nFeasible > 0 ? pickAt[nFeasible - 1] : null, b = nFeasible > 0 ? bestAt[nFeasible - 1] : null;
    return {
      budget, nFeasible,
      pickArch: p?.arch ?? null, pickAccuracy: p?.accuracy ?? NaN, pickCost: p?.cost ?? NaN,
      bestArch: b?.arch ?? null, bestAccuracy: b?.accuracy ?? NaN,
      gap: p && b ? b.accuracy - p.accuracy : NaN,
    };
  });
}

/** budgetSweep for every proxy, with the mean gap. */
export function paretoSweep(
  scores: Map<string, Map<string, number>>, cost: Map<string, number>, accuracy: Map<string, number>,
  budgets: readonly number[], direction?: Map<string, 1 | -1>,
): ProxySweep[] {
  return [...scores].map(([proxy, score]) => {
    const picks = budgetSweep(score, cost, accuracy, budgets, direction?.get(proxy) ?? 1);
    const gaps = picks.map((p) => p.gap).filter(Number.isFinite);
    return { proxy, picks, meanGap: gaps.length ? gaps.reduce((s, g) => s + g, 0) / gaps.length : NaN };
  });
}

/**
 * Archs no other arch dominates (cost <= and accuracy >=, one of them strict), by ascending cost then key.
 * Archs with identical cost and accuracy do not dominate each other, so all of them stay.
 */
export function paretoFront(cost: Map<string, number>, accuracy: Map<string, number>): FrontPoint[] {
  const archs = candidates(cost, accuracy);
  const front: FrontPoint[] = [];
  let cheaperMax = -Infinity; // best accuracy among strictly cheaper archs
  for (let i = 0; i < archs.length; ) {
    let j = i, groupMax = -Infinity;
    while (j < archs.length && archs[j].cost === archs[i].cost) groupMax = Math.max(groupMax, archs[j++].accuracy);
    if (groupMax > cheaperMax) {
      for (let k = i; k < j; k++) {
        const { arch, cost: c, accuracy: a } = archs[k];
        if (a === groupMax) front.push({ arch, cost: c, accuracy: a });
      }
      cheaperMax = groupMax;
    }
    i = j;
  }
  return front;
}

function beats(value: number, arch: string, otherValue: number, otherArch: string): boolean {
  return value > otherValue || (value === otherValue && compareKeys(arch, otherArch) < 0);
}

/** Number of cost-sorted archs with cost <= budget (binary search). */
function countAtMost(archs: Candidate[], budget: number): number {
  let lo = 0, hi = archs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (archs[mid].cost <= budget) lo = mid + 1; else hi = mid;
  }
  return lo;
}
