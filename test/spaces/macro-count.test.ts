// #Params and FLOPs of the macro example families (configs/examples/macro/families.yml and the inline mbv2-tiny
// of model-repo.yml) on CIFAR-10 (32x32x3, 10 classes), by hand. Convs have no bias, BN is affine (2C), the head
// is GAP + dense(C*10 + 10). FLOPs = conv MACs (k*k*cin*cout*H*W; depthwise k*k*C*H*W) + dense in*out + out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countFlops, countParams } from '../../src/graph/count.js';
import { loadSpec } from '../../src/spec/load.js';
import { specOptions } from '../../src/commands/spec-io.js';
import { buildArch } from '../../src/spaces/index.js';
import { REPO_SPEC } from './helpers.js';

// resnet-a: stem 3*3*3*16 = 432 + 32; block16 2*(3*3*16*16 + 32) = 4,672; block32/s2 4,608 + 9,216 + 512 (1x1
//   shortcut) + 3*64 = 14,528; fc 330 -> 19,994.
//   FLOPs 432*1024 + 2*2,304*1024 + (4,608 + 9,216 + 512)*256 + 330 = 8,831,306
// resnet-b: 464 + 2*4,672 + 14,528 + 2*(9,216 + 64) + 330 = 43,226
//   FLOPs 442,368 + 2*4,718,592 + 3,670,016 + 2*9,216*256 + 330 = 18,268,490
// resnet-c: stem 3*3*3*24 = 648 + 48; block24 2*(5,184 + 48) = 10,464; block48/s2 10,368 + 20,736 + 1,152 + 3*96
//   = 32,544; fc 48*10 + 10 = 490 -> 44,194.  FLOPs 648*1024 + 2*5,184*1024 + 32,256*256 + 490 = 19,538,410
// mbv2-a: stem 464; mbconv e1 16->16: dw 9*16 = 144 + 32, project 16*16 = 256 + 32 = 464;
//   mbconv e6 16->24 s2: expand 16*96 = 1,536 + 192, dw 9*96 = 864 + 192, project 96*24 = 2,304 + 48 = 5,136;
//   mbconv e6 24->24: expand 24*144 = 3,456 + 288, dw 9*144 = 1,296 + 288, project 3,456 + 48 = 8,832;
//   head 1x1 24->64 = 1,536 + 128; fc 64*10 + 10 = 650 -> 17,210.
//   FLOPs 442,368 + 400*1024 + (1,536*1024 + 864*256 + 2,304*256) + 8,208*256 + 1,536*256 + 650 = 5,730,954
// mbv2-b (e4, k5 in stage 2, no head conv): 464 + 464 + (1,024 + 128 + 25*64 + 128 + 64*24 + 48 = 4,464)
//   + (24*96 + 192 + 25*96 + 192 + 96*24 + 48 = 7,440) + 24*10 + 10 = 13,082.
//   FLOPs 442,368 + 409,600 + (1,024*1024 + 1,600*256 + 1,536*256) + 7,008*256 + 250 = 4,497,658
// mbv2-tiny (stem stride 2 -> 16x16): stem 3*3*3*8 = 216 + 16; e1 8->8: 72 + 16 + 64 + 16 = 168;
//   e6 8->16 s2: 8*48 = 384 + 96, 9*48 = 432 + 96, 48*16 = 768 + 32 = 1,808; fc 16*10 + 10 = 170 -> 2,378.
//   FLOPs 216*256 + 136*256 + (384*256 + 432*64 + 768*64) + 170 = 265,386
const EXPECTED: Record<string, [number, number]> = {
  'resnet-a': [19_994, 8_831_306],
  'resnet-b': [43_226, 18_268_490],
  'resnet-c': [44_194, 19_538_410],
  'mbv2-a': [17_210, 5_730_954],
  'mbv2-b': [13_082, 4_497_658],
  'mbv2-tiny': [2_378, 265_386],
};

test('macro families: #Params and FLOPs by hand', () => {
  const spec = loadSpec(REPO_SPEC, specOptions());
  for (const [key, [params, flops]] of Object.entries(EXPECTED)) {
    const g = buildArch(spec, key);
    assert.equal(countParams(g), params, `${key} params`);
    assert.equal(countFlops(g), flops, `${key} flops`);
    assert.deepEqual(g.inputShape, [32, 32, 3]);
    assert.equal(g.numClasses, 10);
  }
});
