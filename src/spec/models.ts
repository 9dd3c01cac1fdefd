// The `models:` section of a spec for user spaces (space: keras or macro). Each entry is one of
//   path/to/model.json       a Keras model.to_json() or tfjs model.json file; key = file name without extension
//   path/to/family.yml       a YAML file with a list of macro architectures (or one); key = each `name`
//   {name, stem, stages, head}   an inline macro architecture; key = `name`
// Both user spaces accept all three forms, so one spec can score a whole model repository (Keras files next to
// macro families); `space` names the main kind. Keys must be unique. Paths are relative to the spec file.
// `archs:` may then list model keys to score a subset (default: all).
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { readMacroArch, readMacroFile } from '../spaces/macro/read.js';
import { sub, type Reader, type YNode } from './reader.js';
import type { SectionContext } from './sections.js';
import type { ArchSelection, ModelRef } from './types.js';

const WHAT = 'a Keras .json path, a macro .yml path or an inline macro architecture {name, stem, stages, head}';

export function readModels(r: Reader, node: YNode, ctx: SectionContext): ModelRef[] | undefined {
  const expected = `a list of models (${WHAT})`;
  const items = r.list(node, 'models', expected);
  if (!items) return undefined;
  if (items.length === 0) return r.fail(node, 'models', 'an empty list', 'at least one model');
  const out: ModelRef[] = [];
  const seen = new Map<string, string>();
  let ok = true;
  const keep = (ref: ModelRef, at: YNode, f: string) => {
    const before = seen.get(ref.key);
    if (before !== undefined) { ok = false; return r.fail(at, f, `model key "${ref.key}" again (also ${before})`, 'unique model keys'); }
    seen.set(ref.key, f);
    out.push(ref);
  };
  items.forEach((item, i) => {
    const f = sub('models', i);
    if (r.shape(item) === 'map') {
      const arch = readMacroArch(r, item, f);
      if (!arch) { ok = false; return; }
      return keep({ kind: 'macro', key: arch.name, arch, file: r.file }, item, sub(f, 'name'));
    }
    const p = r.str(item, f, undefined, WHAT);
    if (p === undefined) { ok = false; return; }
    const path = ctx.resolvePath(p);
    const ext = extname(p).toLowerCase();
    if (!['.json', '.yml', '.yaml'].includes(ext)) { ok = false; return r.fail(item, f, r.describe(item), WHAT); }
    if (!existsSync(path)) { ok = false; return r.fail(item, f, `"${p}" (no such file: ${path})`, 'an existing file'); }
    if (ext === '.json') return keep({ kind: 'keras', key: basename(p, extname(p)), path }, item, f);
    const { archs, issues } = readMacroFile(path, p);
    if (issues.length) { ok = false; r.issues.push(...issues); return; }
    for (const arch of archs) keep({ kind: 'macro', key: arch.name, arch, file: path }, item, f);
  });
  return ok ? out : undefined;
}

/** `archs:` for user spaces: absent = all models, or a list of model keys. */
export function readModelSelection(r: Reader, node: YNode, models: ModelRef[] | undefined): ArchSelection | undefined {
  if (!r.present(node)) return { kind: 'all' };
  const keys = (models ?? []).map((m) => m.key);
  const expected = keys.length ? `a list of model keys (${keys.join(', ')})` : 'a list of model keys';
  if (r.shape(node) === 'string' && r.toJS(node) === 'all') return { kind: 'all' };
  const items = r.list(node, 'archs', expected);
  if (!items) return undefined;
  const out: string[] = [];
  items.forEach((it, i) => {
    const k = r.str(it, sub('archs', i), undefined, expected);
    if (k === undefined) return;
    if (models && !keys.includes(k)) return r.fail(it, sub('archs', i), r.describe(it), `one of ${keys.join(', ')}`);
    out.push(k);
  });
  return out.length === items.length ? { kind: 'list', items: out } : undefined;
}
