// NAS-Bench-201 architecture strings: `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|` — node i (1..3) sums op(node j) over j < i.
export const NB201_OPS = ['none', 'skip_connect', 'nor_conv_1x1', 'nor_conv_3x3', 'avg_pool_3x3'] as const;
export type Nb201Op = (typeof NB201_OPS)[number];

/** One op per edge, in string order: (1<-0), (2<-0), (2<-1), (3<-0), (3<-1), (3<-2). */
export interface Nb201Arch {
  edges: Array<{ to: number; from: number; op: Nb201Op }>;
}

export class ArchError extends Error {
  constructor(
    readonly input: string,
    readonly position: number,
    readonly expected: string,
  ) {
    const got = position < input.length ? `"${input.slice(position, position + 16)}"` : 'end of string';
    super(`invalid NB201 arch string at character ${position + 1}: expected ${expected}, got ${got}\n  ${input}\n  ${' '.repeat(position)}^`);
  }
}

/** Parses an arch string; throws ArchError naming the position and what was expected there. */
export function parseArch(text: string): Nb201Arch {
  const s = text.trim();
  const edges: Nb201Arch['edges'] = [];
  let pos = 0;
  const expect = (ch: string) => {
    if (s[pos] !== ch) throw new ArchError(s, pos, `"${ch}"`);
    pos++;
  };
  for (let to = 1; to <= 3; to++) {
    if (to > 1) expect('+');
    expect('|');
    for (let from = 0; from < to; from++) {
      const tilde = s.indexOf('~', pos);
      const opText = tilde < 0 ? s.slice(pos) : s.slice(pos, tilde);
      const op = NB201_OPS.find((o) => o === opText);
      if (!op) throw new ArchError(s, pos, `an op (${NB201_OPS.join(', ')})`);
      pos = tilde + 1;
      const digit = s[pos];
      if (digit !== String(from)) throw new ArchError(s, pos, `input node ${from} ("~${from}") for node ${to}`);
      pos++;
      expect('|');
      edges.push({ to, from, op });
    }
  }
  if (pos !== s.length) throw new ArchError(s, pos, 'end of string (an NB201 cell has exactly 3 nodes)');
  return { edges };
}

export function formatArch(arch: Nb201Arch): string {
  const groups: string[] = [];
  for (let to = 1; to <= 3; to++) {
    groups.push('|' + arch.edges.filter((e) => e.to === to).map((e) => `${e.op}~${e.from}|`).join(''));
  }
  return groups.join('+');
}

/** Message for spec validation (null when valid). */
export function archProblem(text: string): string | null {
  try {
    parseArch(text);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

export const NB201_SIZE = 15625;
