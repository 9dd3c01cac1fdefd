// Turns a spec's arch selection into canonical NB201 strings. Indices, `sample` and `all` use the official
// NB201 index order, which only the ground-truth table knows (it is not lexicographic).
import { Rng } from '../../engine/rng.js';
import { archByIndex } from '../../data/groundtruth.js';
import { resolveDataFile } from '../../data/sources.js';
import type { ArchSelection } from '../../spec/types.js';
import { formatArch, NB201_SIZE, parseArch } from './arch.js';

export function canonicalArch(s: string): string {
  return formatArch(parseArch(s));
}

/** Needs the table only when the selection uses indices. */
export async function selectArchs(sel: ArchSelection, tablePath?: string): Promise<string[]> {
  const needsTable = sel.kind !== 'list' || sel.items.some((i) => typeof i === 'number');
  // A named arch is keyed by its name (nb201ArchOf maps it back to the arch string).
  let table: string[] = [];
  if (needsTable) {
    const path = tablePath ?? (await resolveDataFile('nb201_accuracy.csv'));
    table = archByIndex(path);
    if (table.length !== NB201_SIZE) throw new Error(`${path}: expected ${NB201_SIZE} NB201 archs, found ${table.length}`);
  }
  const byIndex = (i: number) => {
    if (!Number.isInteger(i) || i < 0 || i >= NB201_SIZE) throw new Error(`NB201 index ${i} out of range 0..${NB201_SIZE - 1}`);
    return canonicalArch(table[i]);
  };
  let archs: string[];
  if (sel.kind === 'all') archs = table.map((a) => canonicalArch(a));
  else if (sel.kind === 'sample') archs = new Rng(sel.seed).sampleDistinct(NB201_SIZE, sel.n).map(byIndex);
  else archs = sel.items.map((i) => (typeof i === 'number' ? byIndex(i) : typeof i === 'string' ? canonicalArch(i) : i.name));
  return [...new Set(archs)];
}

/** Deterministic shard i of n (0-based): every n-th arch, so shards get similar mixes of light and heavy archs. */
export function shardOf<T>(items: readonly T[], index: number, count: number): T[] {
  if (!(Number.isInteger(count) && count >= 1 && Number.isInteger(index) && index >= 0 && index < count)) {
    throw new Error(`invalid shard ${index}/${count}: expected i/n with 0 <= i < n`);
  }
  return items.filter((_, k) => k % count === index);
}

/** The arch string of an NB201 key: the arch of a named entry of the selection, else the key itself. */
export function nb201ArchOf(sel: ArchSelection, key: string): string {
  if (sel.kind === 'list') {
    for (const i of sel.items) if (typeof i === 'object' && i.name === key) return canonicalArch(i.arch);
  }
  return key;
}
