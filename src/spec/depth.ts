// How deeply a YAML text nests, found by one linear scan, so that a hostile spec nested thousands of levels deep is
// refused with a message instead of exhausting the YAML parser's recursion ("Maximum call stack size exceeded").
// Counts flow brackets outside quotes and comments, plus block indentation levels; approximate but never lower than
// the parser's own depth for the documents that matter.

export const MAX_SPEC_DEPTH = 64;

/** Deepest nesting and the 1-based line where it is first reached. */
export function yamlNesting(text: string): { depth: number; line: number } {
  let best = { depth: 0, line: 1 };
  let flow = 0, line = 1, lineStart = true, indent = 0;
  const indents: number[] = [];
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') { line++; lineStart = true; indent = 0; if (quote === "'") quote = null; continue; }
    if (lineStart) {
      if (c === ' ' || c === '-') { indent++; continue; }
      lineStart = false;
      if (c !== '#' && flow === 0) {
        while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
      }
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) { while (i + 1 < text.length && text[i + 1] !== '\n') i++; }
    else if (c === '[' || c === '{') flow++;
    else if ((c === ']' || c === '}') && flow > 0) flow--;
    const depth = flow + indents.length;
    if (depth > best.depth) best = { depth, line };
  }
  return best;
}
