// A small declarative macro space: stem -> stages of blocks -> head (global pool + dense). Enough for ResNet- and
// MobileNet-like families; every block is Conv-BN-ReLU (ReLU6 inside mbconv) with explicit symmetric padding.

export type MacroBlock = 'conv' | 'residual' | 'mbconv';
export const MACRO_BLOCKS: readonly MacroBlock[] = ['conv', 'residual', 'mbconv'];

export interface MacroStage {
  block: MacroBlock;
  /** Odd kernel size (padding (k - 1) / 2). */
  kernel: number;
  /** mbconv only: hidden width = expansion x input width (1 = no expand conv, as MobileNetV2's first block). */
  expansion: number;
  width: number;
  /** Blocks in the stage; the first one carries the stride. */
  depth: number;
  stride: number;
}

export interface MacroArch {
  name: string;
  stem: { kernel: number; width: number; stride: number };
  stages: MacroStage[];
  /** Optional 1x1 Conv-BN-ReLU(6) of this width before the global pool (MobileNetV2's 1280). */
  head: { width?: number };
}
