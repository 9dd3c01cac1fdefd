// Workflows use the actions' node24 majors, and the commenter, which holds a write token, pins every action by commit
// SHA (its version in a comment) and queues one run per pull request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const dir = fileURLToPath(new URL('../../.github/workflows/', import.meta.url));

/**
 * First major of each action whose action.yml says `runs.using: node24` (read from the actions' tags; for the
 * composite upload-pages-artifact, the first major whose upload-artifact step is node24).
 */
const FIRST_NODE24_MAJOR: Record<string, number> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
  'actions/upload-artifact': 6,
  'actions/download-artifact': 7,
  'actions/cache': 5,
  'actions/deploy-pages': 5,
  'actions/upload-pages-artifact': 5,
};

/** Every `uses:` line of a workflow file: the action, its ref, and the comment after it. */
function usesLines(text: string): Array<{ action: string; ref: string; comment: string }> {
  return [...text.matchAll(/^\s*(?:-\s+)?uses:\s*([^\s@#]+)(?:@(\S+))?[ \t]*(?:#\s*(.*))?$/gm)].map((m) => ({ action: m[1]!, ref: m[2] ?? '', comment: m[3] ?? '' }));
}

test('every actions/* step is on a node24 major', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
  assert.ok(files.includes('check-dist.yml') && files.includes('zsnas-comment.yml'));
  let seen = 0;
  for (const f of files) {
    for (const u of usesLines(readFileSync(dir + f, 'utf8'))) {
      if (u.action === './') continue;
      const first = FIRST_NODE24_MAJOR[u.action];
      assert.ok(first !== undefined, `${f}: ${u.action} is not in the table of checked actions`);
      const version = /^[0-9a-f]{40}$/.test(u.ref) ? u.comment : u.ref;
      const major = Number(/^v(\d+)/.exec(version)?.[1]);
      assert.ok(major >= first, `${f}: ${u.action}@${u.ref} (${version}) runs on node20; node24 from v${first}`);
      seen++;
    }
  }
  assert.ok(seen >= 15, `only ${seen} uses: lines found`);
});

test('zsnas-comment.yml: actions pinned by full SHA with a version comment; one queued run per PR', () => {
  const text = readFileSync(dir + 'zsnas-comment.yml', 'utf8');
  const uses = usesLines(text).filter((u) => u.action !== './');
  assert.ok(uses.length >= 2);
  for (const u of uses) {
    assert.match(u.ref, /^[0-9a-f]{40}$/, `${u.action} must be pinned by commit SHA`);
    assert.match(u.comment, /^v\d+\.\d+\.\d+$/, `${u.action}@${u.ref} needs its version as a comment`);
  }
  const wf = parse(text) as { concurrency: { group: string; 'cancel-in-progress': boolean }; permissions: Record<string, string> };
  assert.match(wf.concurrency.group, /^zsnas-comment-\$\{\{ github\.event\.workflow_run\.pull_requests\[0\]\.number \|\|/);
  assert.equal(wf.concurrency['cancel-in-progress'], false);
  assert.deepEqual(wf.permissions, { actions: 'read', contents: 'write', 'pull-requests': 'write' });
  // The write-token job installs and builds nothing: it runs the default branch's committed bundle.
  assert.ok(!/npm (ci|install|i)\b|bundle-action/.test(text));
});
