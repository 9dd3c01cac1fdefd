// Errors a user meets in a spec file: where (file:line:col, field), what was given, what was expected.
import { capProblems, clip } from '../io/input-error.js';

export interface SpecIssue {
  file: string;
  /** 1-based; 0 when the position is unknown. */
  line: number;
  column: number;
  /** Dotted path of the offending field, e.g. `proxies[2].name`; empty for YAML syntax errors. */
  field: string;
  /** How the given value reads, e.g. `"gradnorm"`, `a list`, `nothing (required key missing)`. */
  given: string;
  /** What would have been accepted, e.g. `one of params, flops, grad_norm`. */
  expected: string;
  /** Appended as-is, e.g. ` (did you mean "grad_norm"?)`. */
  hint?: string;
  /** YAML syntax errors read differently: `file:l:c: YAML syntax error: <message>`. */
  syntax?: boolean;
}

export function formatIssue(i: SpecIssue): string {
  const where = i.line > 0 ? `${i.file}:${i.line}:${i.column}` : i.file;
  // Fields and values come from the file: cut so that a megabyte-long key or value reads as one short line.
  if (i.syntax) return `${where}: YAML syntax error: ${clip(i.given, 160)}`;
  return `${where}: ${i.field ? `${clip(i.field)}: ` : ''}got ${clip(i.given, 120)}, expected ${clip(i.expected, 240)}${clip(i.hint ?? '', 120)}`;
}

/**
 * One or more problems in a spec. The fields describe the first problem (by position); `issues` holds all of
 * them, and the message lists each on its own line so a user can fix everything in one go.
 */
export class SpecError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly field: string;
  readonly given: string;
  readonly expected: string;
  readonly issues: readonly SpecIssue[];

  constructor(issues: SpecIssue[]) {
    if (issues.length === 0) throw new Error('SpecError needs at least one issue');
    const sorted = [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
    super(capProblems(sorted.map(formatIssue)));
    this.name = 'SpecError';
    const first = sorted[0];
    this.file = first.file;
    this.line = first.line;
    this.column = first.column;
    this.field = first.field;
    this.given = first.given;
    this.expected = first.expected;
    this.issues = sorted;
  }
}

/** How a plain value reads in a message: strings quoted, containers named. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return 'a list';
  return 'a map';
}
