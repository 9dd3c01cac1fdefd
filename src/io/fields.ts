// Checks the shape of a parsed JSON (or YAML) document field by field, collecting every problem with its path
// (`rows[3].median_ms`), so a damaged file is reported once, completely, as "file: path: got X, expected Y".
import { clip, describe, InputError } from './input-error.js';

export interface NumberRule {
  /** Inclusive bounds. */
  min?: number;
  max?: number;
  /** Must be an integer. */
  integer?: boolean;
  /** NaN/Infinity accepted (finite numbers only by default). */
  allowNonFinite?: boolean;
}

type Obj = Record<string, unknown>;

export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const k = /^[A-Za-z_$][\w$-]*$/.test(key) ? clip(key, 60) : JSON.stringify(clip(key, 60));
  return parent ? `${parent}.${k}` : k;
}

function numberExpectation(rule: NumberRule): string {
  const kind = rule.integer ? 'an integer' : rule.allowNonFinite ? 'a number' : 'a finite number';
  if (rule.min !== undefined && rule.max !== undefined) return `${kind} in ${rule.min}..${rule.max}`;
  if (rule.min !== undefined) return `${kind} >= ${rule.min}`;
  if (rule.max !== undefined) return `${kind} <= ${rule.max}`;
  return kind;
}

/** True when `v` satisfies `rule` (shared with checkers of other formats). */
export function numberOk(v: unknown, rule: NumberRule = {}): v is number {
  if (typeof v !== 'number' || Number.isNaN(v) && !rule.allowNonFinite) return false;
  if (!Number.isFinite(v) && !rule.allowNonFinite) return false;
  if (rule.integer && !Number.isInteger(v)) return false;
  if (rule.min !== undefined && !(v >= rule.min)) return false;
  if (rule.max !== undefined && !(v <= rule.max)) return false;
  return true;
}

export class FieldChecker {
  private readonly problems: string[] = [];

  /** `file` prefixes every message; `root` prefixes every path (e.g. `layers[3].config`). */
  constructor(readonly file: string) {}

  get ok(): boolean { return this.problems.length === 0; }

  problem(path: string, given: unknown, expected: string): void {
    this.problems.push(`${this.file}: ${path || '(top level)'}: got ${describe(given)}, expected ${expected}`);
  }

  /** A message that is not of the got/expected kind (e.g. two fields that disagree). */
  note(message: string): void {
    this.problems.push(`${this.file}: ${message}`);
  }

  object(v: unknown, path: string): Obj | undefined {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
    this.problem(path, v, 'an object');
    return undefined;
  }

  array(v: unknown, path: string): unknown[] | undefined {
    if (Array.isArray(v)) return v;
    this.problem(path, v, 'a list');
    return undefined;
  }

  /** `obj[key]` checked as a list; undefined (and a problem) when absent or not a list. */
  arrayField(obj: Obj, key: string, path: string): unknown[] | undefined {
    return this.array(obj[key], joinPath(path, key));
  }

  objectField(obj: Obj, key: string, path: string): Obj | undefined {
    return this.object(obj[key], joinPath(path, key));
  }

  string(v: unknown, path: string, opts: { nonEmpty?: boolean; oneOf?: readonly string[] } = {}): string | undefined {
    if (typeof v !== 'string' || (opts.nonEmpty && v === '')) {
      this.problem(path, v, opts.nonEmpty ? 'a non-empty string' : 'a string');
      return undefined;
    }
    if (opts.oneOf && !opts.oneOf.includes(v)) {
      this.problem(path, v, `one of ${opts.oneOf.join(', ')}`);
      return undefined;
    }
    return v;
  }

  stringField(obj: Obj, key: string, path: string, opts: { nonEmpty?: boolean; oneOf?: readonly string[]; optional?: boolean } = {}): string | undefined {
    if (opts.optional && obj[key] === undefined) return undefined;
    return this.string(obj[key], joinPath(path, key), opts);
  }

  number(v: unknown, path: string, rule: NumberRule = {}): number | undefined {
    if (numberOk(v, rule)) return v;
    this.problem(path, v, numberExpectation(rule));
    return undefined;
  }

  numberField(obj: Obj, key: string, path: string, rule: NumberRule & { optional?: boolean } = {}): number | undefined {
    if (rule.optional && obj[key] === undefined) return undefined;
    return this.number(obj[key], joinPath(path, key), rule);
  }

  /** Throws one InputError listing every problem found (capped), if any. */
  finish(): void {
    if (this.problems.length) throw new InputError(this.problems);
  }
}
