// The built-in default experiment, identical byte for byte to configs/default.yml (test/spec/default-config.test.ts
// checks), so `zsnas run` works from an installed package with no config file, no data files and no network.
import { EMBEDDED_FILE, parseSpec, type ParseOptions } from './load.js';
import type { ExperimentSpec } from './types.js';

export const DEFAULT_SPEC_YAML: string = `# zsnas default experiment: runs offline in about a minute, with no data files.
# Gaussian calibration data, six hand-picked NAS-Bench-201 cells, cheap proxies, and a short latency run.
# Every field and its default is documented at the top of src/spec/load.ts.
# This file is embedded byte for byte in src/spec/default.ts (a test checks they match).
name: default
space: nb201
dataset: cifar10
seed: 0
archs:
  - '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|'                                                    # 1651, all none
  - '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|'    # 1462, all 3x3
  - '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|'    # 9930, best on CIFAR-100
  - '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|'                            # 1601, ResNet-like
  - '|nor_conv_1x1~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_1x1~0|nor_conv_1x1~1|nor_conv_1x1~2|'    # 4317, all 1x1
  - '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|'    # 0, with avg_pool
data:
  gaussian: { seed: 0 }
  batch_size: 16
  batches: 1
proxies: [params, flops, grad_norm]
latency:
  enabled: true
  batch_sizes: [1]
  warmup: 3
  min_samples: 10
  max_samples: 30
  budget_ms: 1000
thresholds:
  correlation_drop: 0.05
  score_rel_tol: 1.0e-4
  latency_min_effect: 0.05
  latency_alpha: 0.01
backend: auto
# output is left to its default, out/<name> = out/default under the working directory.
`;

/** The default spec, parsed with file `<embedded>` (paths resolve against the working directory). */
export function loadDefaultSpec(opts: ParseOptions = {}): ExperimentSpec {
  return parseSpec(DEFAULT_SPEC_YAML, EMBEDDED_FILE, opts);
}
