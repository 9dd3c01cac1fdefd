// Scores one arch so that whatever goes wrong stays with that arch: a promise a user proxy module leaves rejected
// becomes the error row of that module's proxy (not a crash with a stack trace), and a backend the arch aborted
// (the wasm heap exhausted) is replaced by a fresh one before the next arch, which then scores normally.
import { basename } from 'node:path';
import type { ScoreRow } from '../results.js';
import { backendHealthy, resetBackend } from '../engine/recover.js';
import { describeError } from '../proxies/score.js';

export interface GuardOutcome {
  rows: ScoreRow[];
  /** Set when the backend had to be restarted after this arch. */
  backendReset?: string;
}

/**
 * `score` runs the arch's proxies; `custom` maps the proxies from user modules to their module files (strays are
 * theirs: built-in proxies await everything they start). A stray whose stack names a module is that module's;
 * one that names none is charged to every custom proxy of the arch.
 */
export async function scoreGuarded(score: () => Promise<ScoreRow[]>, custom: ReadonlyMap<string, string>): Promise<GuardOutcome> {
  const strays: unknown[] = [];
  const onStray = (reason: unknown) => { strays.push(reason); };
  process.on('unhandledRejection', onStray);
  let rows: ScoreRow[];
  try {
    rows = await score();
    // A rejection nobody awaits is reported after the microtask queue drains: give it one macrotask to surface.
    await new Promise((r) => setImmediate(r));
  } finally {
    process.removeListener('unhandledRejection', onStray);
  }
  const blamed = new Map<string, string>();
  for (const s of strays) {
    const stack = s instanceof Error ? s.stack ?? '' : '';
    const named = [...custom].filter(([, file]) => stack.includes(basename(file)));
    for (const [name] of named.length ? named : [...custom]) {
      if (!blamed.has(name)) blamed.set(name, `unhandled promise rejection in a proxy module: ${describeError(s)}`);
    }
  }
  rows = rows.map((r) => (blamed.has(r.proxy) && r.status !== 'error' ? { ...r, value: NaN, status: 'error', error: blamed.get(r.proxy) } : r));
  const out: GuardOutcome = { rows };
  if (rows.some((r) => r.status === 'error') && !backendHealthy()) {
    await resetBackend();
    out.backendReset = rows.find((r) => r.status === 'error')?.error ?? 'backend failure';
  }
  return out;
}
