// Reading a JSON file the user (or an earlier run) supplied: missing files, folders, binary data, oversize files and
// syntax errors become one InputError that names the file and, for syntax errors, the line and column.
import { readFileSync, statSync } from 'node:fs';
import { clip, InputError } from './input-error.js';
import { jsonErrorOffset } from './json-locate.js';

export interface ReadTextOptions {
  /** Refuse larger files before reading them (default 256 MiB). */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/** A text file's content, or an InputError saying why it cannot be one (`what` says what the file should be). */
export function readTextFile(path: string, what: string, opts: ReadTextOptions = {}): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(`${path}: is a folder, expected ${what}`);
    if (!st.isFile()) throw new InputError(`${path}: is not a regular file, expected ${what}`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${path}: not found, expected ${what}` : `${path}: cannot be read (${code ?? String(e)}), expected ${what}`);
  }
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (size > max) throw new InputError(`${path}: ${size} bytes, larger than the ${max} bytes expected of ${what}`);
  const buf = readFileSync(path);
  if (buf.includes(0)) throw new InputError(`${path}: binary data (a NUL byte at offset ${buf.indexOf(0)}), expected ${what}`);
  const text = buf.toString('utf8');
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0 && !buf.includes(Buffer.from('\uFFFD'))) {
    throw new InputError(`${path}:${lineCol(text, bad)}: not UTF-8 text, expected ${what}`);
  }
  return text;
}

/** 1-based `line:column` of a character offset. */
export function lineCol(text: string, offset: number): string {
  let line = 1, last = -1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) { line++; last = i; }
  return `${line}:${offset - last}`;
}

/** Parses JSON text; a syntax error names the file, line and column. */
export function parseJsonText(text: string, path: string, reviver?: (key: string, value: unknown) => unknown): unknown {
  if (text.trim() === '') throw new InputError(`${path}: empty file, expected JSON`);
  try {
    return JSON.parse(text, reviver);
  } catch (e) {
    // V8's message sometimes quotes a multi-line snippet and sometimes no position: locate the error ourselves.
    const offset = jsonErrorOffset(text);
    const at = offset < 0 ? '' : offset >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(clip(text.slice(offset, offset + 12), 12))}`;
    const what = at || (e instanceof Error ? clip(e.message.split('\n')[0]) : 'syntax error');
    throw new InputError(`${path}${offset >= 0 ? `:${lineCol(text, offset)}` : ''}: invalid JSON: ${what}`);
  }
}

/** Reads and parses a JSON file (see readTextFile and parseJsonText). */
export function readJsonFile(path: string, what: string, opts: ReadTextOptions & { reviver?: (key: string, value: unknown) => unknown } = {}): unknown {
  return parseJsonText(readTextFile(path, what, opts), path, opts.reviver);
}
