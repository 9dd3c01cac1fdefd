// An ONNX op without a tangent rule is declined with NoTangentRule (so the proxies fall back to tfjs with the
// reason, even under an explicit onnxruntime choice), while a value that does not depend on the direction needs
// no rule at all: only ancestors of the requested values that carry a tangent are differentiated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelWriter } from '../../src/latency/onnx-export.js';
import { emitTangents, NoTangentRule, tangentOf } from '../../src/proxies/onnx-grad/tangent.js';

function model(): ModelWriter {
  const m = new ModelWriter();
  m.node('Mul', ['w', 'x'], 'wx');
  m.node('Exp', ['wx'], 'e');       // no tangent rule
  m.node('Exp', ['x'], 'ex');       // no rule needed: x carries no tangent
  m.node('Add', ['wx', 'ex'], 'sum');
  return m;
}

test('an op without a rule on the tangent path throws NoTangentRule naming it', () => {
  const m = model();
  assert.throws(() => emitTangents(m, new Map([['w', 'v']]), ['e']), (e: unknown) => e instanceof NoTangentRule && /Exp/.test((e as Error).message));
});

test('the same op off the tangent path is not differentiated; the sum gets x·v', () => {
  const m = model();
  const n = m.nodes.length;
  const t = emitTangents(m, new Map([['w', 'v']]), ['sum', 'ex']);
  assert.equal(t.has('ex'), false, 'exp(x) has a zero tangent');
  assert.equal(t.get('sum'), tangentOf('wx') + '/a', 'd(w·x + exp x) = v·x + w·0: the one bilinear term, nothing added');
  const added = m.nodes.slice(n);
  assert.deepEqual(added.map((x) => [x.opType, x.input]), [['Mul', ['v', 'x']]]);
});
