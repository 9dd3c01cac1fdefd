// Reads macro architectures from YAML (inline in a spec's `models:` or in their own file), reporting every
// problem with file:line:col through the spec Reader.
//
//   - name: resnet-s                           required, [a-z0-9][a-z0-9._-]* (the arch key)
//     stem: {kernel: [3], width: 16, stride: [1]}
//     stages:                                  one or more
//       - {block: conv | residual | mbconv, width: 32, kernel: [3], depth: [1], stride: [1], expansion: [6]}
//     head: {width: 1280}                      optional 1x1 Conv-BN-ReLU before the pool (default: none)
//
// `expansion` is for mbconv only. Kernels are odd (symmetric padding); the stem uses ReLU6 when any stage is mbconv.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { Reader, sub, type YNode } from '../../spec/reader.js';
import type { SpecIssue } from '../../spec/errors.js';
import { MACRO_BLOCKS, type MacroArch, type MacroStage } from './types.js';

const NAME_RE = /^[a-z0-9][a-z0-9._-]*$/;
const STAGE_KEYS = ['block', 'kernel', 'expansion', 'width', 'depth', 'stride'];

function kernel(r: Reader, n: YNode, f: string): number | undefined {
  if (!r.present(n)) return 3;
  const k = r.int(n, f, 1, 15);
  if (k !== undefined && k % 2 === 0) return r.fail(n, f, String(k), 'an odd kernel size (symmetric padding)');
  return k;
}

function readStage(r: Reader, node: YNode, f: string): MacroStage | undefined {
  const m = r.map(node, f, STAGE_KEYS, 'a stage map {block, width, kernel, depth, stride, expansion}');
  if (!m) return undefined;
  const v = (k: string) => m.get(k)?.value;
  const be = r.need(m, node, f, 'block', `one of ${MACRO_BLOCKS.join(', ')}`);
  const block = be && r.oneOf(be.value, sub(f, 'block'), MACRO_BLOCKS);
  const we = r.need(m, node, f, 'width', 'an integer >= 1');
  const width = we && r.int(we.value, sub(f, 'width'), 1, 65536);
  const k = kernel(r, v('kernel'), sub(f, 'kernel'));
  const depth = r.present(v('depth')) ? r.int(v('depth'), sub(f, 'depth'), 1, 64) : 1;
  const stride = r.present(v('stride')) ? r.int(v('stride'), sub(f, 'stride'), 1, 2) : 1;
  let expansion: number | undefined = block === 'mbconv' ? 6 : 1;
  if (r.present(v('expansion'))) {
    if (block !== 'mbconv') return r.fail(m.get('expansion')!.key, sub(f, 'expansion'), `expansion on a ${block ?? 'non-mbconv'} block`, 'expansion only with block: mbconv');
    expansion = r.int(v('expansion'), sub(f, 'expansion'), 1, 16);
  }
  if ([block, width, k, depth, stride, expansion].includes(undefined)) return undefined;
  return { block: block!, kernel: k!, expansion: expansion!, width: width!, depth: depth!, stride: stride! };
}

/** One architecture map; undefined after recording issues. */
export function readMacroArch(r: Reader, node: YNode, f: string): MacroArch | undefined {
  const m = r.map(node, f, ['name', 'stem', 'stages', 'head'], 'a macro architecture {name, stem, stages, head}');
  if (!m) return undefined;
  const ne = r.need(m, node, f, 'name', 'a name matching [a-z0-9][a-z0-9._-]*');
  const name = ne && r.str(ne.value, sub(f, 'name'), NAME_RE, 'a name matching [a-z0-9][a-z0-9._-]*');
  const se = r.need(m, node, f, 'stem', 'a map {kernel, width, stride}');
  let stem: MacroArch['stem'] | undefined;
  if (se) {
    const sf = sub(f, 'stem');
    const sm = r.map(se.value, sf, ['kernel', 'width', 'stride'], 'a map {kernel, width, stride}');
    if (sm) {
      const we = r.need(sm, se.value, sf, 'width', 'an integer >= 1');
      const width = we && r.int(we.value, sub(sf, 'width'), 1, 65536);
      const k = kernel(r, sm.get('kernel')?.value, sub(sf, 'kernel'));
      const sv = sm.get('stride')?.value;
      const stride = r.present(sv) ? r.int(sv, sub(sf, 'stride'), 1, 2) : 1;
      if (width !== undefined && k !== undefined && stride !== undefined) stem = { kernel: k, width, stride };
    }
  }
  const ste = r.need(m, node, f, 'stages', 'a list of stages');
  let stages: MacroStage[] | undefined;
  if (ste) {
    const items = r.list(ste.value, sub(f, 'stages'), 'a list of stages');
    if (items && items.length === 0) r.fail(ste.value, sub(f, 'stages'), 'an empty list', 'at least one stage');
    else if (items) {
      const read = items.map((it, i) => readStage(r, it, sub(sub(f, 'stages'), i)));
      if (read.every((s) => s !== undefined)) stages = read as MacroStage[];
    }
  }
  let head: MacroArch['head'] | undefined = {};
  const hv = m.get('head')?.value;
  if (r.present(hv)) {
    const hm = r.map(hv, sub(f, 'head'), ['width'], 'a map {width}');
    const wv = hm?.get('width')?.value;
    if (!hm) head = undefined;
    else if (r.present(wv)) {
      const w = r.int(wv, sub(sub(f, 'head'), 'width'), 1, 65536);
      head = w === undefined ? undefined : { width: w };
    }
  }
  if (!name || !stem || !stages || !head) return undefined;
  return { name, stem, stages, head };
}

/** A macro YAML file: a list of architectures or a single one. Issues carry the file's own positions. */
export function readMacroFile(path: string, display: string): { archs: MacroArch[]; issues: SpecIssue[] } {
  const text = readFileSync(path, 'utf8');
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const r = new Reader(display, lc, doc);
  if (doc.errors.length) {
    for (const e of doc.errors) r.syntax(e.pos[0], e.message);
    return { archs: [], issues: r.issues };
  }
  const root = doc.contents as YNode;
  const nodes = r.shape(root) === 'list' ? r.list(root, '')! : [root];
  const archs = nodes.map((n, i) => readMacroArch(r, n, r.shape(root) === 'list' ? `[${i}]` : ''));
  return { archs: archs.filter((a): a is MacroArch => a !== undefined), issues: r.issues };
}
