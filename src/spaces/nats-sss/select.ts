// Turns a spec's arch selection into canonical SSS strings. Unlike NB201, the SSS index order is arithmetic
// (itertools.product order), so indices, `sample` and `all` need no table.
import { Rng } from '../../engine/rng.js';
import type { ArchSelection } from '../../spec/types.js';
import { canonicalSssArch, NATS_SSS_SIZE } from './arch.js';

export function selectSssArchs(sel: ArchSelection): string[] {
  let archs: string[];
  if (sel.kind === 'all') archs = Array.from({ length: NATS_SSS_SIZE }, (_, i) => canonicalSssArch(i));
  else if (sel.kind === 'sample') archs = new Rng(sel.seed).sampleDistinct(NATS_SSS_SIZE, sel.n).map(canonicalSssArch);
  else archs = sel.items.map((i) => {
    // The spec reader accepts {name, arch} for NB201 only.
    if (typeof i === 'object') throw new Error(`space nats-sss: named archs ({name: ${i.name}, arch}) are for nb201 only`);
    return canonicalSssArch(i);
  });
  return [...new Set(archs)];
}
