// Time to import ONNX models into the graph IR: decode the protobuf, fold the shape arithmetic, convert and build
// the graph (shapes, #Params). Reading the file is timed apart (file size, read ms): it is I/O, and large models
// (a 46 MB ResNet-18) spend more time there than in the import. Prints, per model: ONNX and IR node counts, the
// first (cold) import and the min / median / max of the following warm imports, in ms. On a loaded machine the
// median and max carry other processes' time; the min is the import's own cost.
//   node --import tsx bench/onnx-import.ts [--repeats 20] [--model PATH]...
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildOnnx } from '../src/spaces/onnx/build.js';
import { readFileSync } from 'node:fs';
import { parseOnnx } from '../src/spaces/onnx/model.js';

const { values } = parseArgs({ options: { repeats: { type: 'string', default: '50' }, model: { type: 'string', multiple: true } } });
const repeats = Number(values.repeats);
const dir = join(import.meta.dirname, '..', 'configs', 'examples', 'onnx');
const paths = values.model?.length ? values.model : readdirSync(dir).filter((f) => f.endsWith('.onnx')).sort().map((f) => join(dir, f));

const importOnce = (path: string, bytes: Uint8Array) => {
  const t0 = performance.now();
  const model = parseOnnx(bytes, path);
  const { graph } = buildOnnx(model, 'bench', path);
  return { ms: performance.now() - t0, onnxNodes: model.nodes.length, irNodes: graph.nodes.length };
};

console.log('model'.padEnd(26), '    MB', ' read ms', 'onnx nodes', ' ir nodes', '  cold ms', ' warm min', 'warm median', ' warm max');
for (const path of paths) {
  const t0 = performance.now();
  const bytes = readFileSync(path);
  const readMs = performance.now() - t0;
  const cold = importOnce(path, bytes);
  const warm = Array.from({ length: repeats }, () => importOnce(path, bytes).ms).sort((a, b) => a - b);
  const name = path.split('/').pop()!.replace(/\.onnx$/, '');
  console.log(name.padEnd(26), (bytes.length / 1e6).toFixed(1).padStart(6), readMs.toFixed(1).padStart(8), String(cold.onnxNodes).padStart(10), String(cold.irNodes).padStart(9),
    cold.ms.toFixed(1).padStart(9), warm[0].toFixed(2).padStart(9), warm[Math.floor(warm.length / 2)].toFixed(2).padStart(11), warm.at(-1)!.toFixed(2).padStart(9));
}
