// The `models:` section of a spec for user spaces (space: keras, macro or onnx). Each entry is one of
//   path/to/model.onnx       an ONNX model (PyTorch, TensorFlow, JAX exports); key = the path as written
//   path/to/model.json       a Keras model.to_json() or tfjs model.json file; key = file name without extension
//   {name, path}             either file kind under the key `name`
//   path/to/family.yml       a YAML file with a list of macro architectures (or one); key = each `name`
//   {name, stem, stages, head}   an inline macro architecture; key = `name`
// The user spaces accept all these forms, so one spec can score a whole model repository (Keras files next to
// macro families); `space` names the main kind. Keys must be unique. Paths are relative to the spec file.
// `archs:` may then list model keys to score a subset (default: all).
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { readMacroArch, readMacroFile } from '../spaces/macro/read.js';
import { sub, type Reader, type YNode } from './reader.js';
import type { SectionContext } from './sections.js';
import { contained } from './containment.js';
import type { ArchSelection, ModelRef } from './types.js';

const WHAT = 'an ONNX .onnx path, a Keras .json path, a macro .yml path, {name, path} or an inline macro architecture {name, stem, stages, head}';
const KEY_RE = /^[A-Za-z0-9][A-Za-z0-9._\/-]*$/;

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
    const js = r.shape(item) === 'map' ? r.toJS(item) as Record<string, unknown> : undefined;
    if (js && 'path' in js) {
      const e = r.map(item, f, ['name', 'path'], '{name, path}');
      const name = e && r.need(e, item, f, 'name', 'a model key') && r.str(e.get('name')!.value, sub(f, 'name'), KEY_RE, 'a model key: letters, digits, . _ - /');
      const file = e && r.need(e, item, f, 'path', 'a .onnx or .json path') && modelFile(e.get('path')!.value, sub(f, 'path'));
      if (!name || !file) { ok = false; return; }
      return keep({ ...file, key: name }, item, sub(f, 'name'));
    }
    if (r.shape(item) === 'map') {
      const arch = readMacroArch(r, item, f);
      if (!arch) { ok = false; return; }
      return keep({ kind: 'macro', key: arch.name, arch, file: r.file }, item, sub(f, 'name'));
    }
    const ext = r.shape(item) === 'string' ? extname(String(r.toJS(item))).toLowerCase() : '';
    if (ext === '.onnx' || ext === '.json') {
      const file = modelFile(item, f);
      if (!file) { ok = false; return; }
      return keep(file, item, f);
    }
    const p = r.str(item, f, undefined, WHAT);
    if (p === undefined || !contained(ctx, item, f, p, 'model')) { ok = false; return; }
    const path = ctx.resolvePath(p);
    if (!['.yml', '.yaml'].includes(ext)) { ok = false; return r.fail(item, f, r.describe(item), WHAT); }
    if (!existsSync(path)) { ok = false; return r.fail(item, f, `"${p}" (no such file: ${path})`, 'an existing file'); }
    const { archs, issues } = readMacroFile(path, p);
    if (issues.length) { ok = false; r.issues.push(...issues); return; }
    for (const arch of archs) keep({ kind: 'macro', key: arch.name, arch, file: path }, item, f);
  });
  return ok ? out : undefined;

  /** A model file entry: ONNX (key: the path as written) or Keras JSON (key: the file name without extension). */
  function modelFile(node: YNode, f: string): Extract<ModelRef, { path: string }> | undefined {
    const p = r.str(node, f, undefined, 'an ONNX .onnx or Keras .json path');
    if (p === undefined) return undefined;
    const ext = extname(p).toLowerCase();
    if (ext !== '.onnx' && ext !== '.json') return r.fail(node, f, r.describe(node), 'an ONNX .onnx or Keras .json path');
    if (!contained(ctx, node, f, p, 'model')) return undefined;
    const path = ctx.resolvePath(p);
    if (!existsSync(path)) return r.fail(node, f, `"${p}" (no such file: ${path})`, 'an existing file');
    return ext === '.onnx' ? { kind: 'onnx', key: p, path } : { kind: 'keras', key: basename(p, ext), path };
  }
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
