// A custom proxy module that does not follow the Proxy interface is refused with one message listing what is
// wrong; a name taken by a built-in proxy and a module that fails to import are refused too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../src/proxies/index.js';
import { loadCustomProxy } from '../../src/proxies/custom.js';

test('malformed modules give messages naming the module and every problem', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-bad-'));
  const bad = join(dir, 'bad.mjs');
  writeFileSync(bad, "export default { name: 'other', description: 'x', direction: 2, needs: { data: true }, compute: 42 };\n");
  await assert.rejects(loadCustomProxy('mine', bad), {
    message: `${bad}: custom proxy "mine": name is "other" but the spec calls it "mine"; ` +
      'compute must be a function (ctx, options) => number, got number; direction must be 1 or -1, got 2; ' +
      'needs.labels, needs.paramGrads, needs.inputGrads, needs.perSample must be true or false',
  });

  const empty = join(dir, 'empty.mjs');
  writeFileSync(empty, 'export const unrelated = 1;\n');
  await assert.rejects(loadCustomProxy('mine', empty), {
    message: `${empty}: custom proxy "mine": the module must export (default or \`proxy\`) a proxy object, got undefined`,
  });

  const broken = join(dir, 'broken.mjs');
  writeFileSync(broken, 'export default {\n');
  await assert.rejects(loadCustomProxy('mine', broken), (e: Error) =>
    e.message.startsWith(`${broken}: custom proxy "mine": importing the module failed: `));

  await assert.rejects(loadCustomProxy('synflow', bad), {
    message: `${bad}: custom proxy "synflow" has the name of a built-in proxy; choose another name`,
  });
});
