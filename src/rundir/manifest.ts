// run.json, checked field by field: a damaged or foreign manifest is one error naming the file and each bad field
// (never "Cannot read properties of undefined" later on).
import type { ProxyRecord, RunManifest } from '../results.js';
import { FieldChecker, joinPath } from '../io/fields.js';
import { parseJsonText } from '../io/json.js';
import { describe, InputError } from '../io/input-error.js';

const U32 = 2 ** 32 - 1;

function checkProxies(c: FieldChecker, v: unknown): ProxyRecord[] | undefined {
  const list = c.array(v, 'proxies');
  if (!list) return undefined;
  const names = new Set<string>();
  list.forEach((item, i) => {
    const path = `proxies[${i}]`;
    const o = c.object(item, path);
    if (!o) return;
    const name = c.stringField(o, 'name', path, { nonEmpty: true });
    if (name !== undefined && names.has(name)) c.problem(joinPath(path, 'name'), name, 'each proxy once');
    if (name !== undefined) names.add(name);
    if (o.direction !== 1 && o.direction !== -1) c.problem(joinPath(path, 'direction'), o.direction, '1 or -1');
    c.stringField(o, 'module', path, { optional: true });
    c.stringField(o, 'moduleHash', path, { optional: true });
  });
  return list as ProxyRecord[];
}

/** Checks a parsed run.json; `file` names it in messages. */
export function checkManifest(raw: unknown, file: string): RunManifest {
  const c = new FieldChecker(file);
  const o = c.object(raw, '');
  if (!o) { c.finish(); throw new InputError(`${file}: not a run.json`); }
  if (o.formatVersion !== 1) {
    throw new InputError(`${file}: formatVersion: got ${describe(o.formatVersion)}, expected 1 (a run.json written by \`zsnas run\`)`);
  }
  c.stringField(o, 'name', '', { nonEmpty: true });
  // The engine that ran (engine/backend.ts BackendName); anything else is not a run.json zsnas wrote.
  c.stringField(o, 'backend', '', { oneOf: ['node', 'wasm', 'cpu'] });
  c.numberField(o, 'seed', '', { integer: true, min: 0, max: U32 });
  const versions = c.objectField(o, 'versions', '');
  if (versions) for (const [k, v] of Object.entries(versions)) c.string(v, joinPath('versions', k));
  const fp = c.objectField(o, 'fingerprint', '');
  if (fp) {
    for (const k of ['cpuModel', 'os', 'node', 'tfjs', 'backend']) c.stringField(fp, k, 'fingerprint');
    for (const k of ['cores', 'memoryGiB', 'threads']) c.numberField(fp, k, 'fingerprint', { min: 0 });
  }
  c.stringField(o, 'startedAt', '');
  c.stringField(o, 'finishedAt', '');
  const engines = o.gradEngines === undefined ? undefined : c.object(o.gradEngines, 'gradEngines');
  if (engines) {
    for (const [proxy, e] of Object.entries(engines)) {
      const path = joinPath('gradEngines', proxy);
      const eo = c.object(e, path);
      if (!eo) continue;
      c.stringField(eo, 'engine', path, { oneOf: ['onnxruntime', 'tfjs', 'onnxruntime+tfjs'] });
      const fb = eo.fallback === undefined ? undefined : c.array(eo.fallback, joinPath(path, 'fallback'));
      fb?.forEach((f, i) => c.string(f, `${joinPath(path, 'fallback')}[${i}]`));
      const methods = eo.methods === undefined ? undefined : c.array(eo.methods, joinPath(path, 'methods'));
      methods?.forEach((f, i) => c.string(f, `${joinPath(path, 'methods')}[${i}]`, { nonEmpty: true }));
    }
  }
  const timings = c.objectField(o, 'timings', '');
  if (timings) {
    c.numberField(timings, 'totalSeconds', 'timings', { min: 0 });
    const per = c.objectField(timings, 'perProxySeconds', 'timings');
    if (per) for (const [k, v] of Object.entries(per)) c.number(v, joinPath('timings.perProxySeconds', k), { min: 0 });
  }
  const spec = c.objectField(o, 'spec', '');
  // The proxy list comes from `proxies` (recorded since 0.1.1) or else from the spec the run ran.
  if (spec && o.proxies === undefined) {
    const proxies = c.arrayField(spec, 'proxies', 'spec');
    proxies?.forEach((p, i) => { const po = c.object(p, `spec.proxies[${i}]`); if (po) c.stringField(po, 'name', `spec.proxies[${i}]`, { nonEmpty: true }); });
  }
  const archs = c.arrayField(o, 'archs', '');
  if (archs) {
    const seen = new Set<string>();
    archs.forEach((a, i) => {
      if (c.string(a, `archs[${i}]`, { nonEmpty: true }) === undefined) return;
      if (seen.has(a as string)) c.problem(`archs[${i}]`, a, 'each arch once');
      seen.add(a as string);
    });
  }
  if (o.proxies !== undefined) checkProxies(c, o.proxies);
  if (o.shard !== undefined) {
    const sh = c.objectField(o, 'shard', '');
    if (sh) {
      const count = c.numberField(sh, 'count', 'shard', { integer: true, min: 1 });
      c.numberField(sh, 'index', 'shard', { integer: true, min: 0, ...(count !== undefined ? { max: count - 1 } : {}) });
    }
  }
  if (o.unstable !== undefined) {
    c.arrayField(o, 'unstable', '')?.forEach((e, i) => {
      const eo = c.object(e, `unstable[${i}]`);
      if (eo) for (const k of ['arch', 'proxy', 'reason']) c.stringField(eo, k, `unstable[${i}]`);
    });
  }
  const errors = c.arrayField(o, 'errors', '');
  errors?.forEach((e, i) => {
    const eo = c.object(e, `errors[${i}]`);
    if (eo) for (const k of ['arch', 'proxy', 'error']) c.stringField(eo, k, `errors[${i}]`);
  });
  c.finish();
  return o as unknown as RunManifest;
}

/** The proxy names of a run, in order: from `proxies` when recorded, else from the spec it ran. */
export function manifestProxyNames(m: RunManifest): string[] {
  return m.proxies?.map((p) => p.name) ?? (m.spec as { proxies: Array<{ name: string }> }).proxies.map((p) => p.name);
}

export function parseManifest(text: string, file: string): RunManifest {
  return checkManifest(parseJsonText(text, file), file);
}
