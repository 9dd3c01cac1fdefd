// Errors about a file or flag the user supplied: one short line per problem, naming the file, the place in it and
// the field, what was given and what was expected. The CLI prints the message alone (no stack): the message is the
// whole story. Lists are capped so that a hostile or binary file cannot produce megabytes of errors.

/** How many problems one error lists before "... and N more". */
export const MAX_PROBLEMS = 20;
/** Longest echo of a user value inside a message. */
export const MAX_ECHO = 80;

export class InputError extends Error {
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : [...problems];
    if (list.length === 0) throw new Error('InputError needs at least one problem');
    super(capProblems(list));
    this.name = 'InputError';
    this.problems = list;
  }
}

/** The first MAX_PROBLEMS lines, then a count of the rest. */
export function capProblems(lines: readonly string[], max = MAX_PROBLEMS): string {
  if (lines.length <= max) return lines.join('\n');
  return [...lines.slice(0, max), `... and ${lines.length - max} more`].join('\n');
}

/** Cuts a string to `max` characters with an ellipsis, and makes control characters visible. */
export function clip(s: string, max = MAX_ECHO): string {
  // eslint-disable-next-line no-control-regex
  const visible = s.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : '?'));
  return visible.length > max ? `${visible.slice(0, max - 1)}…` : visible;
}

/** How a value read from a file reads in a message: strings quoted and clipped, containers named. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return `"${clip(v)}"`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return 'an object';
}
