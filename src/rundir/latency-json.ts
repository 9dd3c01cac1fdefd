// latency.json, checked field by field (its writer stores NaN as null: read back as NaN where a field allows it).
import type { LatencyJson } from '../latency/csv.js';
import { FieldChecker } from '../io/fields.js';
import { parseJsonText } from '../io/json.js';
import { describe, InputError } from '../io/input-error.js';

const MEASURED = ['median_ms', 'p25_ms', 'p75_ms', 'min_ms'] as const;
/** Undefined for small samples or without a reference workload. */
const MAY_BE_NAN = ['cv', 'ci_low_ms', 'ci_high_ms', 'normalized'] as const;

function checkSamples(c: FieldChecker, v: unknown, path: string): void {
  const list = c.array(v, path);
  list?.forEach((x, i) => c.number(x, `${path}[${i}]`, { min: 0 }));
}

export function checkLatencyJson(raw: unknown, file: string): LatencyJson {
  const c = new FieldChecker(file);
  const o = c.object(raw, '');
  if (!o) { c.finish(); throw new InputError(`${file}: not a latency.json`); }
  if (o.formatVersion !== 1) throw new InputError(`${file}: formatVersion: got ${describe(o.formatVersion)}, expected 1`);
  const fp = c.objectField(o, 'fingerprint', '');
  if (fp) {
    for (const k of ['cpuModel', 'os', 'node', 'tfjs', 'backend']) c.stringField(fp, k, 'fingerprint');
    for (const k of ['cores', 'memoryGiB', 'threads']) c.numberField(fp, k, 'fingerprint', { min: 0 });
  }
  if (o.reference !== undefined) {
    const ref = c.objectField(o, 'reference', '');
    if (ref) { c.numberField(ref, 'version', 'reference', { integer: true, min: 0 }); checkSamples(c, ref.samples_ms, 'reference.samples_ms'); }
  }
  c.arrayField(o, 'rows', '')?.forEach((r, i) => {
    const path = `rows[${i}]`;
    const row = c.object(r, path);
    if (!row) return;
    c.stringField(row, 'arch', path, { nonEmpty: true });
    c.numberField(row, 'batch', path, { integer: true, min: 1 });
    c.numberField(row, 'n', path, { integer: true, min: 1 });
    for (const k of MEASURED) c.numberField(row, k, path, { min: 0 });
    for (const k of MAY_BE_NAN) {
      if (!Number.isNaN(row[k])) c.numberField(row, k, path, { min: 0 });
    }
  });
  c.arrayField(o, 'samples', '')?.forEach((s, i) => {
    const path = `samples[${i}]`;
    const so = c.object(s, path);
    if (!so) return;
    c.stringField(so, 'arch', path, { nonEmpty: true });
    c.numberField(so, 'batch', path, { integer: true, min: 1 });
    checkSamples(c, so.samples_ms, `${path}.samples_ms`);
  });
  c.finish();
  return o as unknown as LatencyJson;
}

export function parseLatencyJson(text: string, file: string): LatencyJson {
  return checkLatencyJson(parseJsonText(text, file, (_k, v) => (v === null ? NaN : v)), file);
}
