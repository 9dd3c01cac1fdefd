import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedFile } from '../helpers/shared-data.js';
import { archByIndex } from '../../src/data/groundtruth.js';
import { Rng } from '../../src/engine/rng.js';
import { countFlops } from '../../src/graph/count.js';
import { deviceCosts } from '../../src/hwaware/devices.js';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { spearmanRho } from '../../src/stats/spearman.js';

const acc = sharedFile('nb201/nb201_accuracy.csv');
const hw = sharedFile('nb201/nb201_hw_nas_bench.csv');

// FLOPs counted by zsnas on its own NB201 IR, against HW-NAS-Bench's Jetson TX2 (EdgeGPU) latency, keyed through
// the NB201 index. Measured on the 300 archs below (Rng(0).sampleDistinct(15625, 300), the `sample: {n: 300,
// seed: 0}` of a spec): rho = 0.5459. The EdgeGPU latency is the device least explained by FLOPs (fixed per-layer
// overheads dominate a small CIFAR net on a GPU); Raspberry Pi 4 (0.904) and FPGA (0.949) follow FLOPs closely.
test('zsnas FLOPs rank 300 NB201 archs like HW-NAS-Bench EdgeGPU latency (rho 0.546)', { skip: acc.skip || hw.skip }, () => {
  const table = archByIndex(acc.path);
  const archs = new Rng(0).sampleDistinct(15625, 300).map((i) => table[i]);
  const flops = archs.map((a) => countFlops(buildNb201(a)));
  const cols = ['c10_edgegpu_latency', 'c10_raspi4_latency', 'c10_fpga_latency'];
  const dev = deviceCosts(hw.path, acc.path, archs, cols);
  const rho = cols.map((c) => spearmanRho(flops, archs.map((a) => dev.get(c)!.get(a)!)));
  assert.equal(rho[0].n, 300);
  assert.ok(rho[0].value > 0.5, `edgegpu rho ${rho[0].value}`);
  assert.ok(Math.abs(rho[0].value - 0.5459) < 5e-4, `edgegpu rho ${rho[0].value}, measured 0.5459`);
  assert.ok(Math.abs(rho[1].value - 0.9037) < 5e-4, `raspi4 rho ${rho[1].value}, measured 0.9037`);
  assert.ok(Math.abs(rho[2].value - 0.9486) < 5e-4, `fpga rho ${rho[2].value}, measured 0.9486`);
});
