// Bounds of each proxy option, checked when the spec is read (with file:line:col) and again when a run resolves
// its proxies, so a bad value never reaches scoring (where every arch would get the same error row). A proxy may
// declare rules (`optionRules`); otherwise the rule follows its default: an integer default is a count
// (an integer >= 1), another number a positive number, a boolean a boolean, a string a string.
import type { OptionRule, ProxyMeta } from './types.js';

/** Largest count any option may take (samples, batch, entries, repeats): beyond it no run finishes anyway. */
export const MAX_OPTION_COUNT = 100_000;

export function ruleFor(proxy: ProxyMeta, key: string): OptionRule {
  const explicit = proxy.optionRules?.[key];
  if (explicit) return explicit;
  const d = proxy.defaults[key];
  if (typeof d === 'number') return Number.isInteger(d) ? { kind: 'int', min: 1, max: MAX_OPTION_COUNT } : { kind: 'number', min: 0, exclusiveMin: true };
  if (typeof d === 'boolean') return { kind: 'boolean' };
  return { kind: 'string' };
}

/** What the rule accepts, in words. */
export function ruleExpectation(rule: OptionRule): string {
  switch (rule.kind) {
    case 'int': return rule.max !== undefined ? `an integer from ${rule.min ?? 0} to ${rule.max}` : `an integer >= ${rule.min ?? 0}`;
    case 'number': return `a finite number ${rule.exclusiveMin ? '>' : '>='} ${rule.min ?? 0}${rule.max !== undefined ? ` and <= ${rule.max}` : ''}`;
    case 'boolean': return 'true or false';
    case 'any': return 'any value';
    default: return rule.oneOf ? `one of ${rule.oneOf.join(', ')}` : 'a string';
  }
}

export function ruleAccepts(rule: OptionRule, v: unknown): boolean {
  switch (rule.kind) {
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && v >= (rule.min ?? 0) && (rule.max === undefined || v <= rule.max);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) && (rule.exclusiveMin ? v > (rule.min ?? 0) : v >= (rule.min ?? 0))
        && (rule.max === undefined || v <= rule.max);
    case 'boolean': return typeof v === 'boolean';
    case 'any': return true;
    default: return typeof v === 'string' && (!rule.oneOf || rule.oneOf.includes(v));
  }
}

/** Problems of a proxy's options: unknown keys and values outside their rule, as [key, expected] pairs. */
export function optionProblems(proxy: ProxyMeta, options: Record<string, unknown>): Array<{ key: string; expected: string; unknown?: boolean }> {
  const out: Array<{ key: string; expected: string; unknown?: boolean }> = [];
  const valid = Object.keys(proxy.defaults);
  for (const [key, v] of Object.entries(options)) {
    if (!valid.includes(key)) { out.push({ key, unknown: true, expected: valid.length ? `one of ${valid.join(', ')}` : 'no options' }); continue; }
    const rule = ruleFor(proxy, key);
    if (!ruleAccepts(rule, v)) out.push({ key, expected: ruleExpectation(rule) });
  }
  return out;
}

/** Calibration batches a proxy reads with these (resolved) options: 0 without data, else its own count or 1. */
export function batchesNeeded(proxy: ProxyMeta, options: Record<string, unknown>): number {
  if (!proxy.needs.data) return 0;
  return proxy.batchesNeeded?.(options) ?? 1;
}
