// `zsnas run --jobs 2`: killing the parent with SIGKILL ends its workers within seconds, even while each worker is
// inside a proxy that blocks its event loop (where no IPC 'disconnect' event can run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Alive = listed in /proc and not a zombie (an orphan's zombie waits for whoever adopted it). */
function alive(pid: number): boolean {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

async function until(what: string, ok: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !ok(); await sleep(100)) if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}

test('workers of a SIGKILLed --jobs parent are gone within 5 s, though busy in a blocking proxy', { skip: process.platform !== 'linux' && 'needs /proc' }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'zsnas-orphans-'));
  // The proxy says which process entered it, then blocks its event loop for a minute.
  writeFileSync(join(root, 'busy.mjs'), `import { writeFileSync } from 'node:fs';
export default { name: 'busy', description: 'blocks', direction: 1,
  needs: { data: false, labels: false, paramGrads: false, inputGrads: false, perSample: false },
  compute() { writeFileSync(new URL('./' + process.pid + '.busy', import.meta.url), ''); const end = Date.now() + 60000; while (Date.now() < end); return 1; } };
`);
  writeFileSync(join(root, 'spec.yml'), `name: orphans
archs: ['|none~0|+|none~0|none~1|+|none~0|none~1|none~2|', '|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|']
proxies: [{ name: busy, module: ./busy.mjs }]
latency: false
backend: cpu
`);
  const parent = spawn(process.execPath, ['--import', 'tsx', resolve('test/helpers/cli-entry.ts'), 'run', join(root, 'spec.yml'), '--jobs', '2', '--out', join(root, 'out')],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  parent.stderr!.on('data', (b: Buffer) => { stderr += b.toString(); });
  const busy = () => readdirSync(root).filter((f) => f.endsWith('.busy')).map((f) => Number(f.slice(0, -5)));
  let workers: number[] = [];
  try {
    await until('both workers inside the blocking proxy', () => busy().length === 2 || parent.exitCode !== null, 120_000);
    assert.equal(parent.exitCode, null, `the parent ended early: ${stderr}`);
    workers = busy();
    assert.ok(workers.every(alive) && !workers.includes(parent.pid!));
    parent.kill('SIGKILL');
    const killedAt = Date.now();
    await until('the workers to end', () => !workers.some(alive), 5000).catch(() => {});
    assert.deepEqual(workers.filter(alive), [], `workers still alive ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the parent's SIGKILL`);
  } finally {
    parent.kill('SIGKILL');
    for (const pid of workers) if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
});
