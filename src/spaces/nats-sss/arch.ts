// NATS-Bench size search space (SSS) architectures: `C1:C2:C3:C4:C5`, five channel counts each in {8, 16, ..., 64}.
// The official index (0..32767) is the row order of itertools.product([8, 16, ..., 64], repeat=5): C5 varies fastest,
// so the index is the base-8 number whose digits are Ci/8 - 1, C1 the most significant.
export const SSS_CHANNELS = [8, 16, 24, 32, 40, 48, 56, 64] as const;
export const SSS_LAYERS = 5;
export const NATS_SSS_SIZE = SSS_CHANNELS.length ** SSS_LAYERS; // 32,768

export type SssArch = [number, number, number, number, number];

export class SssArchError extends Error {
  constructor(
    readonly input: string,
    readonly position: number,
    readonly expected: string,
  ) {
    const got = position < input.length ? `"${input.slice(position, position + 16)}"` : 'end of string';
    super(`invalid NATS-Bench SSS arch string at character ${position + 1}: expected ${expected}, got ${got}\n  ${input}\n  ${' '.repeat(position)}^`);
  }
}

const CHANNEL_LIST = SSS_CHANNELS.join(', ');

/** Parses `C1:C2:C3:C4:C5`; throws SssArchError naming the position and what was expected there. */
export function parseSssArch(text: string): SssArch {
  const s = text.trim();
  const out: number[] = [];
  let pos = 0;
  for (let layer = 0; layer < SSS_LAYERS; layer++) {
    if (layer > 0) {
      if (s[pos] !== ':') throw new SssArchError(s, pos, `":" before channel count ${layer + 1} of ${SSS_LAYERS}`);
      pos++;
    }
    const digits = /^\d+/.exec(s.slice(pos))?.[0] ?? '';
    const c = Number(digits);
    // "08" is no channel count as written: refused rather than read as 8, so one arch has one spelling.
    if (!digits || digits[0] === '0' || !(SSS_CHANNELS as readonly number[]).includes(c)) {
      throw new SssArchError(s, pos, `channel count ${layer + 1} of ${SSS_LAYERS}, one of ${CHANNEL_LIST}`);
    }
    out.push(c);
    pos += digits.length;
  }
  if (pos !== s.length) throw new SssArchError(s, pos, `end of string (an SSS arch has exactly ${SSS_LAYERS} channel counts)`);
  return out as SssArch;
}

export function formatSssArch(arch: readonly number[]): string {
  return arch.join(':');
}

export function sssIndexOf(arch: readonly number[]): number {
  return arch.reduce((acc, c) => acc * SSS_CHANNELS.length + (c / 8 - 1), 0);
}

export function sssArchAt(index: number): SssArch {
  if (!Number.isInteger(index) || index < 0 || index >= NATS_SSS_SIZE) {
    throw new Error(`NATS-Bench SSS index ${index} out of range 0..${NATS_SSS_SIZE - 1}`);
  }
  const out: number[] = [];
  for (let layer = 0, rest = index; layer < SSS_LAYERS; layer++, rest = Math.floor(rest / SSS_CHANNELS.length)) {
    out.unshift(SSS_CHANNELS[rest % SSS_CHANNELS.length]);
  }
  return out as SssArch;
}

/** Canonical key of an arch string or index (whitespace trimmed). */
export function canonicalSssArch(a: string | number): string {
  return formatSssArch(typeof a === 'number' ? sssArchAt(a) : parseSssArch(a));
}

/** Message for spec validation (null when valid). */
export function sssArchProblem(text: string): string | null {
  try {
    parseSssArch(text);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
