// Short arch labels, defined once per report: tables and charts show the label, a legend in <details> the full key.
// A Markdown table is as wide as its widest cell, so one NB201 arch string would push Base/Head/Δ off an 800 px page.

/** NB201 ops in one character each; the legend explains them. */
const NB201_OP_CHARS: Record<string, string> = { none: 'x', skip_connect: 's', nor_conv_1x1: '1', nor_conv_3x3: '3', avg_pool_3x3: 'p' };
export const NB201_LABEL_KEY = '3 = conv 3×3, 1 = conv 1×1, s = skip, p = avg-pool 3×3, x = none; one group per node';

const NB201_ARCH = /^\|[a-z_0-9]+~\d+\|(\+\|([a-z_0-9]+~\d+\|)+)+$/;
const MAX_LABEL = 24;

export function isNb201Arch(arch: string): boolean {
  return NB201_ARCH.test(arch);
}

/**
 * A compact label: NB201 cells as their ops per node ("|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|…|" → "3/x3/sxp"),
 * model files as their base name without extension, anything longer than 24 characters cut in the middle.
 */
export function archLabel(arch: string): string {
  if (isNb201Arch(arch)) {
    return arch
      .split('+')
      .map((node) => node.split('|').filter(Boolean).map((op) => NB201_OP_CHARS[op.replace(/~\d+$/, '')] ?? '?').join(''))
      .join('/');
  }
  const file = /[\\/]/.test(arch) || /\.(json|ya?ml|onnx|h5|keras|pb)$/i.test(arch) ? arch.split(/[\\/]/).pop()!.replace(/\.[a-z0-9]+$/i, '') : arch;
  const name = file === '' ? arch : file;
  return name.length <= MAX_LABEL ? name : `${name.slice(0, 11)}…${name.slice(-12)}`;
}

/** Labels for a set of archs, unique: a clash gets " #2", " #3" in the order given. */
export function labelArchs(archs: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const arch of archs) {
    if (out.has(arch)) continue;
    const base = archLabel(arch);
    let label = base;
    for (let n = 2; taken.has(label); n++) label = `${base} #${n}`;
    taken.add(label);
    out.set(arch, label);
  }
  return out;
}

/** Every arch key a report mentions, in a stable order (the manifest's first, then scores, latency, comparison, A/B). */
export function reportArchs(input: {
  manifest: { archs?: string[] };
  scores: Array<{ arch: string }>;
  latency: Array<{ arch: string }>;
  comparison?: { items: Array<{ kind: string; key: string; metric: string }> };
  latencyAb?: Array<{ arch: string }>;
  abSides?: { added: string[]; removed: string[] };
}): string[] {
  const fromItems = (input.comparison?.items ?? []).map((i) => (i.kind === 'score' ? i.metric : i.kind === 'correlation' ? undefined : i.key));
  return [
    ...new Set([
      ...(input.manifest.archs ?? []),
      ...input.scores.map((s) => s.arch),
      ...input.latency.map((l) => l.arch),
      ...fromItems.filter((a): a is string => a !== undefined),
      ...(input.latencyAb ?? []).map((r) => r.arch),
      ...(input.abSides?.added ?? []),
      ...(input.abSides?.removed ?? []),
    ]),
  ];
}
