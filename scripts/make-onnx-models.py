#!/usr/bin/env python3
"""Exports the small ONNX models zsnas tests and examples use (configs/examples/onnx/), and their PyTorch facts.

Run by a developer, not by CI:  python3 scripts/make-onnx-models.py
Needs torch, torchvision and onnx (Debian: python3-torch python3-torchvision python3-onnx). Writes
  configs/examples/onnx/<name>.onnx        torchvision models at reduced width / depth, 10 classes
  configs/examples/onnx/pytorch-facts.json  per model: sum(p.numel()), input shape, opset, export mode
  test/onnx/fixtures/ops-zoo.onnx            a small net of the operators the torchvision models do not use
  test/onnx/fixtures/pytorch-logits.json     each model's logits on a closed-form input batch, computed by
                                             PyTorch with the exported weights: 'eval' (fresh running statistics
                                             0 / 1) and 'train' (batch statistics), dropout off

Most models are exported as `zsnas` wants them: training mode with constant folding off, so BatchNormalization
stays in the graph (eval mode folds it into the convolutions, and the gradient proxies need train-mode BN).
`resnet8-folded` is the eval-mode export of the same ResNet, kept to test the folded-BN warning.
"""
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.models as tvm
from torchvision.models import mobilenetv3, efficientnet, regnet
from torchvision.models.resnet import BasicBlock

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'configs', 'examples', 'onnx')
FIXTURES = os.path.join(ROOT, 'test', 'onnx', 'fixtures')


class ResNet8(nn.Module):
    """A CIFAR ResNet (stem 3x3, stages of torchvision BasicBlocks at 16/32/64 channels, GAP, linear)."""

    def __init__(self, widths=(16, 32, 64), num_classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, widths[0], 3, 1, 1, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU(inplace=True))
        blocks, cin = [], widths[0]
        for i, w in enumerate(widths):
            stride = 1 if i == 0 else 2
            down = None
            if stride != 1 or cin != w:
                down = nn.Sequential(nn.Conv2d(cin, w, 1, stride, bias=False), nn.BatchNorm2d(w))
            blocks.append(BasicBlock(cin, w, stride, down))
            cin = w
        self.blocks = nn.Sequential(*blocks)
        self.fc = nn.Linear(cin, num_classes)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


class OpsZoo(nn.Module):
    """Operators none of the committed torchvision models exercise, in one small graph (3x16x16 input)."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 8, 3, padding=2, dilation=2)
        self.bn1 = nn.BatchNorm2d(8)
        self.pool1 = nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=True)
        self.c2 = nn.Conv2d(8, 8, 3, padding=2, dilation=2, groups=8, bias=False)
        self.c3 = nn.Conv2d(8, 16, 1, groups=2)
        self.pool2 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.pool3 = nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)
        self.se = nn.Linear(16, 16)
        self.w = nn.Parameter(torch.randn(16, 10) * 0.2)
        self.b = nn.Parameter(torch.randn(10) * 0.1)

    def forward(self, x):
        x = F.leaky_relu(self.bn1(self.c1(x)), 0.1)
        x = self.pool1(x)
        x = F.relu6(self.c2(x))
        a, b = torch.split(x, [3, 5], dim=1)
        x = torch.cat([b - 0.5, a / 2.0], 1)
        x = F.hardswish(self.c3(x))
        x = self.pool3(self.pool2(x))
        x = x * torch.sigmoid(self.se(x.mean([2, 3]))).view(x.size(0), -1, 1, 1)
        x = x * torch.sigmoid(x)
        x = x.mean([2, 3], keepdim=True)
        x = x.view(x.size(0), -1)
        return torch.matmul(x, self.w) + self.b


def closed_form_input(shape, n=2):
    """x[i] = sin(0.37 i) over the NCHW-flattened batch, in float64 then rounded: the tests rebuild it bit for bit."""
    count = n * shape[0] * shape[1] * shape[2]
    return torch.sin(0.37 * torch.arange(count, dtype=torch.float64)).float().reshape(n, *shape)


def reference_logits(model, shape, train=True):
    model.train(train)
    for m in model.modules():
        if isinstance(m, nn.Dropout):
            m.eval()
    with torch.no_grad():
        return model(closed_form_input(shape)).tolist()


def models():
    torch.manual_seed(0)
    setting, last = mobilenetv3._mobilenet_v3_conf('mobilenet_v3_small', width_mult=0.25)
    eff_setting, eff_last = efficientnet._efficientnet_conf('efficientnet_b0', width_mult=0.25, depth_mult=0.25)
    reg_params = regnet.BlockParams.from_init_params(depth=4, w_0=16, w_a=8.0, w_m=2.0, group_width=8, se_ratio=0.25)
    # name: (module, input [C, H, W], opset, dynamic batch)
    return {
        'resnet8': (ResNet8(), [3, 32, 32], 11, True),
        'mobilenet_v3_small-0.25': (mobilenetv3.MobileNetV3(setting, last, num_classes=10), [3, 32, 32], 17, True),
        'mobilenet_v2-0.25': (tvm.mobilenet_v2(width_mult=0.25, num_classes=10), [3, 32, 32], 13, False),
        'densenet-tiny': (tvm.DenseNet(growth_rate=8, block_config=(2, 2, 2), num_init_features=16, bn_size=2, num_classes=10),
                          [3, 32, 32], 13, True),
        'shufflenet_v2-tiny': (tvm.ShuffleNetV2([2, 2, 2], [8, 16, 32, 64, 128], num_classes=10), [3, 64, 64], 11, True),
        'efficientnet_b0-tiny': (efficientnet.EfficientNet(eff_setting, 0.2, last_channel=eff_last, num_classes=10),
                                 [3, 32, 32], 14, True),
        'regnet-tiny': (tvm.RegNet(reg_params, num_classes=10, stem_width=16), [3, 32, 32], 17, True),
    }


def export(model, shape, opset, dynamic, path, train=True):
    x = torch.randn(2, *shape)
    model.train(train)
    kwargs = dict(opset_version=opset, input_names=['input'], output_names=['logits'])
    if dynamic:
        kwargs['dynamic_axes'] = {'input': {0: 'batch'}, 'logits': {0: 'batch'}}
    if train:
        kwargs.update(training=torch.onnx.TrainingMode.TRAINING, do_constant_folding=False)
    else:
        kwargs.update(training=torch.onnx.TrainingMode.EVAL, do_constant_folding=True)
    torch.onnx.export(model, x, path, **kwargs)


def main():
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(FIXTURES, exist_ok=True)
    facts, logits = {}, {}
    for name, (model, shape, opset, dynamic) in models().items():
        path = os.path.join(OUT, f'{name}.onnx')
        # Eval first, while the running statistics are the fresh 0 / 1 (the training-mode export updates them).
        logits[name] = {'eval': reference_logits(model, shape, train=False), 'train': reference_logits(model, shape)}
        export(model, shape, opset, dynamic, path)
        facts[name] = {'params': sum(p.numel() for p in model.parameters()), 'input': shape, 'opset': opset,
                       'classes': 10, 'mode': 'training', 'dynamic_batch': dynamic}
        print(f'{name}: {facts[name]["params"]} params, {os.path.getsize(path)} bytes', file=sys.stderr)
    folded = ResNet8()
    export(folded, [3, 32, 32], 13, False, os.path.join(OUT, 'resnet8-folded.onnx'), train=False)
    logits['resnet8-folded'] = {'eval': reference_logits(folded, [3, 32, 32], train=False)}
    facts['resnet8-folded'] = {'params': sum(p.numel() for p in folded.parameters()), 'input': [3, 32, 32], 'opset': 13,
                               'classes': 10, 'mode': 'eval', 'dynamic_batch': False}
    zoo = OpsZoo()
    logits['ops-zoo'] = {'eval': reference_logits(zoo, [3, 16, 16], train=False), 'train': reference_logits(zoo, [3, 16, 16])}
    export(zoo, [3, 16, 16], 13, True, os.path.join(FIXTURES, 'ops-zoo.onnx'))
    facts['ops-zoo'] = {'params': sum(p.numel() for p in zoo.parameters()), 'input': [3, 16, 16], 'opset': 13,
                        'classes': 10, 'mode': 'training', 'dynamic_batch': True, 'path': 'test/onnx/fixtures/ops-zoo.onnx'}
    with open(os.path.join(OUT, 'pytorch-facts.json'), 'w') as f:
        json.dump(facts, f, indent=2, sort_keys=True)
        f.write('\n')
    with open(os.path.join(FIXTURES, 'pytorch-logits.json'), 'w') as f:
        json.dump({'input': 'sin(0.37 i), i over the NCHW-flattened batch of 2', 'logits': logits}, f, indent=1, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
