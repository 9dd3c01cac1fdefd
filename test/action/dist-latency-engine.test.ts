// The committed bundle times latency on onnxruntime-node when the workspace has it installed (the bundle does not
// contain the native addon), and on TensorFlow.js when it is absent, saying why once; latency.json's fingerprint
// names the engine in the first case only. The bundle is copied outside this checkout, so that onnxruntime-node is
// found only where a user's workflow would put it: the workspace's node_modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startFakeGitHub } from '../publish/fake-github.js';
import { DIST_ENTRY, REPO, STALE_HINT, gitCheckout, runDist, tinySpec } from './dist-harness.js';
import { ortOrSkip } from '../latency/ort-available.js';

const ort = await ortOrSkip();

const SPEC = tinySpec('latency: { warmup: 1, min_samples: 3, max_samples: 3 }\nbackend: wasm\n');

function bundleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-bundle-'));
  cpSync(dirname(DIST_ENTRY), dir, { recursive: true });
  return join(dir, 'index.js');
}

async function runWith(workspaceOrt: boolean): Promise<{ log: string; fingerprint: Record<string, unknown> }> {
  const gh = await startFakeGitHub();
  try {
    const checkout = gitCheckout({ 'tiny.yml': SPEC }, { 'tiny.yml': `${SPEC}# head\n` });
    if (workspaceOrt) {
      // As `npm i onnxruntime-node` leaves it in the workspace (a link to this checkout's installed copy).
      mkdirSync(join(checkout.dir, 'node_modules'));
      const pkg = dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'));
      symlinkSync(pkg, join(checkout.dir, 'node_modules', 'onnxruntime-node'), 'dir');
    }
    const res = await runDist({
      inputs: { spec: 'tiny.yml', mode: 'run', 'github-token': 'test-token', comment: 'false', 'push-charts': 'false', 'results-dir': 'results' },
      event: { ref: 'refs/heads/main', after: checkout.headSha, repository: { full_name: REPO } },
      eventName: 'push',
      apiUrl: gh.url,
      dir: checkout.dir,
      entry: bundleCopy(),
    });
    assert.equal(res.code, 0, res.log);
    const latency = JSON.parse(readFileSync(join(res.dir, 'results', 'latency.json'), 'utf8')) as { fingerprint: Record<string, unknown> };
    return { log: res.log, fingerprint: latency.fingerprint };
  } finally {
    await gh.close();
  }
}

test('bundle, onnxruntime-node in the workspace: latency timed by onnxruntime', { skip: ort.skip }, async () => {
  const { log, fingerprint } = await runWith(true);
  assert.match(log, /latency engine: onnxruntime \S+, 1 thread/, STALE_HINT);
  assert.equal(fingerprint.latencyEngine, `onnxruntime ${ort.rt!.version}`);
  assert.equal(fingerprint.threads, 1);
});

test('bundle, no onnxruntime-node: latency timed by tfjs, and the log says why once', { skip: ort.skip }, async () => {
  const { log, fingerprint } = await runWith(false);
  assert.match(log, /latency engine: tfjs 4\.22\.0, \d+ threads? \(onnxruntime-node is not installed \(ONNXRUNTIME_NODE_INSTALL=skip npm i onnxruntime-node/, STALE_HINT);
  assert.equal(log.match(/onnxruntime-node is not installed/g)?.length, 1);
  assert.equal(fingerprint.latencyEngine, undefined);
});
