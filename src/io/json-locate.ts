// Where a JSON text first goes wrong, as a character offset. V8 names the position for some syntax errors but
// only quotes a snippet for others ("Unexpected token '}', ..."), so the reader finds the place itself.
// Iterative (an explicit stack), so deeply nested input cannot exhaust the call stack.

const WS = new Set([' ', '\t', '\n', '\r']);

/** Offset of the first syntax error in `text`, or -1 when it is valid JSON. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const stack: Array<'{' | '['> = [];
  let opened = false;
  const skip = () => { while (i < text.length && WS.has(text[i])) i++; };
  const value = (): boolean => {
    const c = text[i];
    if (c === '"') return string();
    if (c === '{' || c === '[') { stack.push(c); i++; opened = true; return true; }
    for (const lit of ['true', 'false', 'null']) if (text.startsWith(lit, i)) { i += lit.length; return true; }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  const string = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) { i++; return true; }
      if (c < 32) return false;
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false; i += 6; continue; }
        if (!'"\\/bfnrt'.includes(e ?? 'x')) return false;
        i += 2;
        continue;
      }
      i++;
    }
    return false;
  };
  // After each value: close a container or expect a separator. `opened`: value() has just opened a container.
  skip();
  if (!value()) return i;
  for (;;) {
    skip();
    const top = stack[stack.length - 1];
    if (top === undefined) return i < text.length ? i : -1;
    const justOpened = opened;
    opened = false;
    if (justOpened && (text[i] === '}' || text[i] === ']')) {
      if ((top === '{') !== (text[i] === '}')) return i;
      stack.pop(); i++; continue;
    }
    if (justOpened) {
      if (top === '{') { if (text[i] !== '"' || !string()) return i; skip(); if (text[i] !== ':') return i; i++; skip(); }
      if (!value()) return i;
      continue;
    }
    if (text[i] === ',') {
      i++; skip();
      if (top === '{') { if (text[i] !== '"' || !string()) return i; skip(); if (text[i] !== ':') return i; i++; skip(); }
      if (!value()) return i;
      continue;
    }
    if (text[i] === (top === '{' ? '}' : ']')) { stack.pop(); i++; continue; }
    return i;
  }
}
