// A committed baseline, checked field by field before any comparison trusts it: a damaged baseline must fail the
// gate with a message naming the field, not pass as "no baseline" or crash half-way through a comparison.
import { FieldChecker, joinPath } from '../io/fields.js';
import type { ScoreStatus } from '../results.js';

const STATUSES: readonly ScoreStatus[] = ['ok', 'nan', 'inf', 'unstable', 'error'];

/** Problems of a parsed baseline of the current format (format and version already checked), or none. */
export function baselineProblems(o: Record<string, unknown>, file: string): FieldChecker {
  const c = new FieldChecker(file);
  c.stringField(o, 'experiment', '');
  c.stringField(o, 'backend', '', { nonEmpty: true });
  c.numberField(o, 'seed', '', { integer: true, min: 0, max: 2 ** 32 - 1 });
  const versions = c.objectField(o, 'versions', '');
  if (versions) for (const [k, v] of Object.entries(versions)) c.string(v, joinPath('versions', k));
  const scores = c.objectField(o, 'scores', '');
  if (scores) {
    for (const [arch, perProxy] of Object.entries(scores)) {
      const ap = joinPath('scores', arch);
      const pp = c.object(perProxy, ap);
      if (!pp) continue;
      for (const [proxy, cell] of Object.entries(pp)) {
        const path = joinPath(ap, proxy);
        const s = c.object(cell, path);
        if (!s) continue;
        const status = c.stringField(s, 'status', path, { oneOf: STATUSES }) as ScoreStatus | undefined;
        if (s.engine !== undefined) c.stringField(s, 'engine', path, { nonEmpty: true });
        if (status === 'ok' || status === 'unstable') c.numberField(s, 'value', path, {});
        else if (status === 'nan' && !Number.isNaN(s.value)) c.problem(joinPath(path, 'value'), s.value, '"NaN" (status nan)');
        else if (status === 'inf' && s.value !== Infinity && s.value !== -Infinity) c.problem(joinPath(path, 'value'), s.value, '"Infinity" or "-Infinity" (status inf)');
        else if (status === 'error') c.numberField(s, 'value', path, { allowNonFinite: true });
      }
    }
  }
  c.arrayField(o, 'correlations', '')?.forEach((x, i) => {
    const path = `correlations[${i}]`;
    const co = c.object(x, path);
    if (!co) return;
    c.stringField(co, 'proxy', path, { nonEmpty: true });
    c.numberField(co, 'n', path, { integer: true, min: 0 });
    for (const k of ['spearman', 'kendall']) c.numberField(co, k, path, { allowNonFinite: true, ...(Number.isNaN(co[k]) ? {} : { min: -1, max: 1 }) });
  });
  const lat = c.objectField(o, 'latency', '');
  if (lat) {
    if (lat.fingerprint !== null) c.objectField(lat, 'fingerprint', 'latency');
    if (lat.referenceMedianMs !== undefined) c.numberField(lat, 'referenceMedianMs', 'latency', { min: 0 });
    c.arrayField(lat, 'rows', 'latency')?.forEach((r, i) => {
      const path = `latency.rows[${i}]`;
      const ro = c.object(r, path);
      if (!ro) return;
      c.stringField(ro, 'arch', path, { nonEmpty: true });
      c.numberField(ro, 'batch', path, { integer: true, min: 1 });
      c.numberField(ro, 'median_ms', path, { min: 0 });
      c.arrayField(ro, 'samples_ms', path)?.forEach((v, k) => c.number(v, `${path}.samples_ms[${k}]`, { min: 0 }));
    });
  }
  return c;
}
