// Hostile variants of valid inputs for the property tests (fast-check): a value swapped at any place of a
// document, truncation, binary bytes, deep nesting, huge strings; and the shape every refusal must have.
import assert from 'node:assert/strict';
import fc from 'fast-check';

/** Values a careless or hostile user puts where a number, string, list or map belongs. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -1, -5, 0.5, 1.5, 1e308, -1e308, 1e20, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, '', 'x', 'NaN', 'Infinity', '-0',
    null, true, false, [], {}, [1, 2], { a: 1 }, '1e9', '../../../etc/passwd', '\u0000\u0001\u00ff'),
  fc.integer({ min: -1000, max: 100000 }),
  fc.double({ noNaN: false }),
  fc.string({ maxLength: 20 }),
  fc.constant('x'.repeat(100_000)),
  fc.constant(deepList(200)),
);

/** A list nested `depth` deep: [[[...]]]. */
export function deepList(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** Every place in a JSON-like document, as key paths (the root excluded). */
export function placesIn(doc: unknown, limit = 5000): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const stack: Array<[unknown, Array<string | number>]> = [[doc, []]];
  while (stack.length && out.length < limit) {
    const [v, path] = stack.pop()!;
    if (path.length) out.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, [...path, i]]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) stack.push([x, [...path, k]]);
  }
  return out;
}

/** A copy of `doc` with the value at `path` replaced (or, with `remove`, deleted). */
export function withValue(doc: unknown, path: Array<string | number>, value: unknown, remove = false): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove) { if (Array.isArray(at)) at.splice(last as number, 1); else delete at[last]; } else at[last] = value;
  return copy;
}

/** Text mutations: cut anywhere, binary bytes spliced in, a line repeated, a huge line. */
export function textMutation(text: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.nat({ max: text.length }).map((n) => text.slice(0, n)),
    fc.tuple(fc.nat({ max: text.length }), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([n, b]) => text.slice(0, n) + Buffer.from(b).toString('latin1') + text.slice(n)),
    fc.nat({ max: text.length }).map((n) => text.slice(0, n) + 'x'.repeat(200_000) + text.slice(n)),
    fc.nat({ max: text.length }).map((n) => text.slice(0, n) + '['.repeat(3000) + text.slice(n)),
  );
}

/** Stack-trace and internal-error markers that a user must never see. */
const INTERNAL = /\n\s+at |Cannot read propert|is not a function|is not iterable|undefined \(reading|Maximum call stack|Invalid typed array length|Invalid array length|\[object Object\]/;

/**
 * A refusal as the CLI prints it: the expected error class, at most 21 lines (20 problems and a count), each short and
 * naming `file`, and nothing internal.
 */
export function assertCleanRefusal(e: unknown, classes: Array<new (...a: never[]) => Error>, file: string): void {
  assert.ok(classes.some((c) => e instanceof c), `not a validation error: ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 300)}` : String(e)}`);
  const msg = (e as Error).message;
  assert.doesNotMatch(msg, INTERNAL, msg.slice(0, 300));
  const lines = msg.split('\n');
  assert.ok(lines.length <= 21, `${lines.length} lines`);
  for (const line of lines) {
    assert.ok(line.length <= 700, `a line of ${line.length} characters: ${line.slice(0, 200)}`);
    assert.ok(line.includes(file) || /^\.\.\. and \d+ more$/.test(line), `a line that names no file: ${line.slice(0, 200)}`);
  }
}
