// Typed reads from a YAML AST that remember where each value came from, collecting every problem as a SpecIssue
// instead of stopping at the first one.
import { isAlias, isMap, isScalar, isSeq, visit, type Document, type LineCounter, type Node } from 'yaml';
import { describeValue, type SpecIssue } from './errors.js';
import { didYouMean } from './suggest.js';

export type YNode = Node | null | undefined;
export interface Entry { key: Node; value: YNode }
export type Entries = Map<string, Entry>;

/** `a.b`, `a[2]` style field paths. */
export const sub = (field: string, key: string | number): string =>
  typeof key === 'number' ? `${field}[${key}]` : field ? `${field}.${key}` : key;

export class Reader {
  readonly issues: SpecIssue[] = [];

  constructor(readonly file: string, private readonly lc: LineCounter, private readonly doc: Document) {}

  /** 1-based position of a node (its first character); 1:1 for a missing node (an empty document). */
  pos(node: YNode): { line: number; column: number } {
    const start = node?.range?.[0];
    if (start === undefined) return { line: 1, column: 1 };
    const p = this.lc.linePos(start);
    return { line: p.line, column: p.col };
  }

  fail(node: YNode, field: string, given: string, expected: string, hint?: string): undefined {
    this.issues.push({ file: this.file, ...this.pos(node), field, given, expected, hint });
    return undefined;
  }

  syntax(offset: number, message: string): void {
    const p = this.lc.linePos(offset);
    this.issues.push({ file: this.file, line: p.line, column: p.col, field: '', given: message, expected: 'valid YAML', syntax: true });
  }

  /** Reports aliases (`*x`) with no matching anchor, which the YAML parser itself lets through. */
  checkAliases(): void {
    visit(this.doc, {
      Alias: (_key, node) => {
        if (node.resolve(this.doc) === undefined) {
          this.fail(node, '', `an unknown alias *${node.source}`, `an anchor &${node.source} defined before it`);
        }
      },
    });
  }

  /** Follows aliases (`*x`) to the anchored node. */
  deref(node: YNode): YNode {
    if (node && isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? null;
    return node;
  }

  /** False for a missing value and for an explicit YAML null (`key:` with nothing after it). */
  present(node: YNode): node is Node {
    const n = this.deref(node);
    return !!n && !(isScalar(n) && n.value === null);
  }

  /** What kind of value a node holds, aliases followed. */
  shape(node: YNode): 'map' | 'list' | 'string' | 'number' | 'boolean' | 'null' | 'other' {
    const n = this.deref(node);
    if (!n || (isScalar(n) && n.value === null)) return 'null';
    if (isMap(n)) return 'map';
    if (isSeq(n)) return 'list';
    if (!isScalar(n)) return 'other';
    const t = typeof n.value;
    return t === 'string' || t === 'number' || t === 'boolean' ? t : 'other';
  }

  describe(node: YNode): string {
    const n = this.deref(node);
    if (!n) return 'nothing';
    if (isMap(n)) return 'a map';
    if (isSeq(n)) return 'a list';
    if (isScalar(n)) return describeValue(n.value);
    return 'an unsupported YAML node';
  }

  /** Scalar value, or undefined (after reporting) for a map or list. */
  scalar(node: YNode, field: string, expected: string): unknown {
    const n = this.deref(node);
    if (n && isScalar(n)) return n.value;
    return this.fail(node, field, this.describe(node), expected);
  }

  /** A map's entries; unknown keys (not in `allowed`) are reported with the nearest allowed name. */
  map(node: YNode, field: string, allowed: readonly string[], expected = 'a map'): Entries | undefined {
    const n = this.deref(node);
    if (!n || !isMap(n)) return this.fail(node, field, this.describe(node), expected);
    const out: Entries = new Map();
    for (const pair of n.items) {
      const key = pair.key as Node;
      const name = isScalar(key) ? String(key.value) : undefined;
      if (name === undefined) { this.fail(key, field, this.describe(key), 'a plain key'); continue; }
      if (!allowed.includes(name)) {
        this.fail(key, sub(field, name), 'an unknown key', `one of ${allowed.join(', ')}`, didYouMean(name, allowed));
        continue;
      }
      out.set(name, { key, value: pair.value as YNode });
    }
    return out;
  }

  /** A required entry; when missing, reported at the parent map. */
  need(entries: Entries, parent: YNode, field: string, key: string, expected: string): Entry | undefined {
    const e = entries.get(key);
    if (e && this.present(e.value)) return e;
    return this.fail(e?.value ?? e?.key ?? parent, sub(field, key), 'nothing (required key missing)', expected);
  }

  list(node: YNode, field: string, expected = 'a list'): YNode[] | undefined {
    const n = this.deref(node);
    if (!n || !isSeq(n)) return this.fail(node, field, this.describe(node), expected);
    return n.items as YNode[];
  }

  str(node: YNode, field: string, pattern?: RegExp, expected = 'a string'): string | undefined {
    const v = this.scalar(node, field, expected);
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '' || (pattern && !pattern.test(v))) return this.fail(node, field, this.describe(node), expected);
    return v;
  }

  int(node: YNode, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const expected = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    const v = this.scalar(node, field, expected);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) return this.fail(node, field, this.describe(node), expected);
    return v;
  }

  /** A finite number in [min, max]; `open` excludes the ends. */
  num(node: YNode, field: string, min: number, max = Infinity, open = false): number | undefined {
    const lo = open ? `> ${min}` : `>= ${min}`;
    const expected = max === Infinity ? `a number ${lo}` : `a number ${lo} and ${open ? '<' : '<='} ${max}`;
    const v = this.scalar(node, field, expected);
    if (v === undefined) return undefined;
    const ok = typeof v === 'number' && Number.isFinite(v) && (open ? v > min && v < max : v >= min && v <= max);
    if (!ok) return this.fail(node, field, this.describe(node), expected);
    return v as number;
  }

  bool(node: YNode, field: string): boolean | undefined {
    const v = this.scalar(node, field, 'true or false');
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') return this.fail(node, field, this.describe(node), 'true or false');
    return v;
  }

  oneOf<T extends string>(node: YNode, field: string, values: readonly T[]): T | undefined {
    const expected = `one of ${values.join(', ')}`;
    const v = this.scalar(node, field, expected);
    if (v === undefined) return undefined;
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
    return this.fail(node, field, this.describe(node), expected, typeof v === 'string' ? didYouMean(v, values) : '');
  }

  /** Plain JS value of a node (for free-form proxy options). */
  toJS(node: YNode): unknown {
    const n = this.deref(node);
    return n ? n.toJS(this.doc) : null;
  }
}
