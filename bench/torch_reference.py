#!/usr/bin/python3
"""PyTorch reference timings for the zsnas speed benchmark (bench/suite.ts runs it; never imported by the product).

Written for this benchmark: the NAS-Bench-201 network (xautodl TinyNetwork semantics, C=16, N=5) and the SamsungLabs
zero-cost-nas procedure for grad_norm, snip, grasp, fisher, jacob_cov, plain and synflow, each on its own copy of
the freshly initialised network (PyTorch default init, train-mode BN), one batch of real CIFAR-10 images.

  /usr/bin/python3 bench/torch_reference.py --archs FILE [--batch 64] [--threads 2] [--cifar PATH] [--proxies a,b] [--shared]
  /usr/bin/python3 bench/torch_reference.py --self-test      # NB201 #Params of three archs vs the published counts

FILE holds one NB201 arch string per line. Prints one JSON object on stdout:
  {"torch": version, "threads": n, "batch": b, "archs": [{"arch", "params", "build_s", "total_s", "peak_rss_mb",
   "proxies": {name: {"seconds", "value"}}}]}
total_s = build + every proxy (copies included), i.e. the wall time of scoring that arch.
"""
import argparse
import copy
import json
import math
import resource
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# ---------------------------------------------------------------------------------------------------------------
# The network
# ---------------------------------------------------------------------------------------------------------------

OPS = ('none', 'skip_connect', 'nor_conv_1x1', 'nor_conv_3x3', 'avg_pool_3x3')


def parse_arch(text):
    """'|op~0|+|op~0|op~1|+|op~0|op~1|op~2|' -> [[(op, 0)], [(op, 0), (op, 1)], [(op, 0), (op, 1), (op, 2)]]."""
    nodes = []
    for group in text.strip().split('+'):
        edges = []
        for item in group.strip('|').split('|'):
            op, src = item.split('~')
            if op not in OPS:
                raise ValueError(f'unknown op {op!r} in {text!r}')
            edges.append((op, int(src)))
        nodes.append(edges)
    if [len(n) for n in nodes] != [1, 2, 3]:
        raise ValueError(f'not an NB201 cell: {text!r}')
    return nodes


class ReLUConvBN(nn.Module):
    """ReLU -> Conv (no bias) -> BN(affine, running stats)."""

    def __init__(self, c_in, c_out, k, stride, pad):
        super().__init__()
        self.op = nn.Sequential(nn.ReLU(inplace=False),
                                nn.Conv2d(c_in, c_out, k, stride=stride, padding=pad, bias=False),
                                nn.BatchNorm2d(c_out, affine=True, track_running_stats=True))

    def forward(self, x):
        return self.op(x)


class Zero(nn.Module):
    def forward(self, x):
        return x.mul(0.0)


def make_op(name, c):
    if name == 'none':
        return Zero()
    if name == 'skip_connect':
        return nn.Identity()
    if name == 'nor_conv_1x1':
        return ReLUConvBN(c, c, 1, 1, 0)
    if name == 'nor_conv_3x3':
        return ReLUConvBN(c, c, 3, 1, 1)
    return nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)


class Cell(nn.Module):
    """node_i = sum_{j<i} op_ji(node_j), output node 3."""

    def __init__(self, arch, c):
        super().__init__()
        self.arch = arch
        self.edges = nn.ModuleList(make_op(op, c) for node in arch for op, _ in node)

    def forward(self, x):
        nodes = [x]
        k = 0
        for node in self.arch:
            total = None
            for _, src in node:
                y = self.edges[k](nodes[src])
                k += 1
                total = y if total is None else total + y
            nodes.append(total)
        return nodes[-1]


class ResBlock(nn.Module):
    """Stride-2 reduction: ReLUConvBN 3x3 s2 -> ReLUConvBN 3x3 s1, plus AvgPool(2,2) -> Conv1x1 shortcut."""

    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv_a = ReLUConvBN(c_in, c_out, 3, 2, 1)
        self.conv_b = ReLUConvBN(c_out, c_out, 3, 1, 1)
        self.downsample = nn.Sequential(nn.AvgPool2d(2, stride=2, padding=0),
                                        nn.Conv2d(c_in, c_out, 1, stride=1, padding=0, bias=False))

    def forward(self, x):
        return self.downsample(x) + self.conv_b(self.conv_a(x))


class TinyNetwork(nn.Module):
    def __init__(self, arch_text, num_classes=10, C=16, N=5):
        super().__init__()
        arch = parse_arch(arch_text)
        self.stem = nn.Sequential(nn.Conv2d(3, C, 3, padding=1, bias=False), nn.BatchNorm2d(C))
        cells = []
        c = C
        for stage in range(3):
            if stage > 0:
                cells.append(ResBlock(c, 2 * c))
                c *= 2
            cells.extend(Cell(arch, c) for _ in range(N))
        self.cells = nn.ModuleList(cells)
        self.lastact = nn.Sequential(nn.BatchNorm2d(c), nn.ReLU(inplace=True))
        self.global_pooling = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(c, num_classes)

    def forward(self, x):
        x = self.stem(x)
        for cell in self.cells:
            x = cell(x)
        x = self.global_pooling(self.lastact(x))
        return self.classifier(x.view(x.size(0), -1))


def count_params(net):
    return sum(p.numel() for p in net.parameters() if p.requires_grad)


def layers(net):
    """The saliency layers: every Conv2d and Linear, in module order."""
    return [m for m in net.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]


# ---------------------------------------------------------------------------------------------------------------
# The Samsung zero-cost-nas procedures (score = sum over layers of the per-weight array)
# ---------------------------------------------------------------------------------------------------------------

def grad_norm(net, x, y):
    net.zero_grad()
    F.cross_entropy(net(x), y).backward()
    return sum(float(m.weight.grad.norm()) if m.weight.grad is not None else 0.0 for m in layers(net))


def plain(net, x, y):
    net.zero_grad()
    F.cross_entropy(net(x), y).backward()
    return sum(float((m.weight.grad * m.weight).sum()) for m in layers(net) if m.weight.grad is not None)


def snip(net, x, y):
    # Mask trick: frozen weights times a ones mask; dL/dmask = W * dL/dW.
    masks = []
    for m in layers(net):
        m.weight.requires_grad_(False)
        m.weight_mask = nn.Parameter(torch.ones_like(m.weight))
        masks.append(m)
        if isinstance(m, nn.Conv2d):
            m.forward = (lambda mod: lambda inp: F.conv2d(inp, mod.weight * mod.weight_mask, mod.bias, mod.stride,
                                                          mod.padding, mod.dilation, mod.groups))(m)
        else:
            m.forward = (lambda mod: lambda inp: F.linear(inp, mod.weight * mod.weight_mask, mod.bias))(m)
    net.zero_grad()
    F.cross_entropy(net(x), y).backward()
    return sum(float(m.weight_mask.grad.abs().sum()) for m in masks if m.weight_mask.grad is not None)


def grasp(net, x, y):
    # Exact Hessian-gradient product by double backprop (T = 1, one iteration).
    ws = [m.weight for m in layers(net)]
    for w in ws:
        w.requires_grad_(True)
    net.zero_grad()
    g = torch.autograd.grad(F.cross_entropy(net(x), y), ws, allow_unused=True)
    gf = torch.autograd.grad(F.cross_entropy(net(x), y), ws, create_graph=True, allow_unused=True)
    z = 0
    for a, b in zip(g, gf):
        if a is not None and b is not None:
            z = z + (a.detach() * b).sum()
    z.backward()
    return sum(float((-w.data * w.grad).sum()) for w in ws if w.grad is not None)


def fisher(net, x, y):
    net.train()
    acts, grads = {}, {}

    def hook(mod, _inp, out):
        acts[mod] = out.detach()
        out.register_hook(lambda gr: grads.__setitem__(mod, gr.detach()))

    handles = [m.register_forward_hook(hook) for m in layers(net)]
    net.zero_grad()
    F.cross_entropy(net(x), y).backward()
    for h in handles:
        h.remove()
    total = 0.0
    for m in layers(net):
        if m not in grads:
            continue
        prod = acts[m] * grads[m]
        s = prod.sum([2, 3]) if prod.dim() == 4 else prod
        f = s.pow(2).mean(0).mul(0.5)  # per output channel
        # broadcast to every weight of the channel, as the reference does, then sum
        total += float(f.abs().view(-1, *([1] * (m.weight.dim() - 1))).expand_as(m.weight).sum())
    return total


def jacob_cov(net, x, _y):
    net.zero_grad()
    xi = x.clone().requires_grad_(True)
    out = net(xi)
    out.backward(torch.ones_like(out))
    j = xi.grad.detach().reshape(xi.shape[0], -1).numpy()
    try:
        corrs = np.corrcoef(j)
        v, _ = np.linalg.eig(corrs)
        k = 1e-5
        return float(np.real(-np.sum(np.log(v + k) + 1.0 / (v + k))))
    except Exception:  # the reference returns NaN when the score cannot be computed
        return float('nan')


def synflow(net, x, _y):
    # BN removed, |theta|, float64, all-ones input of batch 1, R = sum(logits).
    for name, mod in list(net.named_modules()):
        for cname, child in list(mod.named_children()):
            if isinstance(child, nn.BatchNorm2d):
                setattr(mod, cname, nn.Identity())
    with torch.no_grad():
        for t in net.state_dict().values():
            t.abs_()
    net.double()
    net.zero_grad()
    out = net(torch.ones((1,) + tuple(x.shape[1:]), dtype=torch.float64))
    torch.sum(out).backward()
    return sum(float((m.weight * m.weight.grad).abs().sum()) for m in layers(net) if m.weight.grad is not None)


# ---------------------------------------------------------------------------------------------------------------
# Torch at its best: the same 7 values from shared passes on one copy (--shared)
# ---------------------------------------------------------------------------------------------------------------

def fisher_layer(act, delta, w):
    """The Samsung fisher sum of one layer: per-channel 1/2 mean_n (sum_hw a delta)^2, counted once per weight."""
    prod = act * delta
    s = prod.sum([2, 3]) if prod.dim() == 4 else prod
    return float(s.pow(2).mean(0).mul(0.5).abs().sum()) * w[0].numel()


def shared_scores(net, x, y, names):
    """One loss forward+backward serves grad_norm, plain, snip (dL/dmask = W dL/dW), fisher and grasp's g; grasp adds
    one double-backprop pass, jacob_cov one input backward, synflow its own BN-free float64 copy. Same values as the
    Samsung procedure (each on a fresh copy), up to float rounding."""
    out = {}
    ls = layers(net)
    ws = [m.weight for m in ls]
    t = time.perf_counter()
    acts, deltas = {}, {}

    def hook(mod, _inp, o):
        acts[mod] = o.detach()
        o.register_hook(lambda gr: deltas.__setitem__(mod, gr.detach()))

    handles = [m.register_forward_hook(hook) for m in ls] if 'fisher' in names else []
    g = torch.autograd.grad(F.cross_entropy(net(x), y), ws, allow_unused=True)
    for h in handles:
        h.remove()
    live = [(w, gw, m) for w, gw, m in zip(ws, g, ls) if gw is not None]
    values = {
        'grad_norm': lambda: sum(float(gw.norm()) for _, gw, _ in live),
        'plain': lambda: sum(float((gw * w).sum()) for w, gw, _ in live),
        'snip': lambda: sum(float((gw * w).abs().sum()) for w, gw, _ in live),
        'fisher': lambda: sum(fisher_layer(acts[m], deltas[m], w) for w, _, m in live if m in deltas),
    }
    shared_names = [n for n in names if n in values]
    for n in shared_names:
        out[n] = {'value': values[n]()}
    if shared_names:  # the shared pass is charged to the first proxy that uses it
        out[shared_names[0]]['seconds'] = time.perf_counter() - t
        for n in shared_names[1:]:
            out[n]['seconds'] = 0.0
    if 'grasp' in names:
        t = time.perf_counter()
        gf = torch.autograd.grad(F.cross_entropy(net(x), y), ws, create_graph=True, allow_unused=True)
        z = sum((a.detach() * b).sum() for a, b in zip(g, gf) if a is not None and b is not None)
        hg = torch.autograd.grad(z, ws, allow_unused=True)
        out['grasp'] = {'value': sum(float((-w.detach() * h).sum()) for w, h in zip(ws, hg) if h is not None),
                        'seconds': time.perf_counter() - t}
    for n in ('jacob_cov', 'synflow'):
        if n in names:
            t = time.perf_counter()
            out[n] = {'value': PROXIES[n](net if n == 'jacob_cov' else copy.deepcopy(net), x, y),
                      'seconds': time.perf_counter() - t}
    return out


PROXIES = {'grad_norm': grad_norm, 'snip': snip, 'grasp': grasp, 'fisher': fisher, 'jacob_cov': jacob_cov,
           'plain': plain, 'synflow': synflow}

# ---------------------------------------------------------------------------------------------------------------
# Data and driver
# ---------------------------------------------------------------------------------------------------------------

CIFAR10_MEAN = [125.3 / 255, 123.0 / 255, 113.9 / 255]
CIFAR10_STD = [63.0 / 255, 62.1 / 255, 66.7 / 255]


def read_cifar(path, n):
    """First n records of a CIFAR-10 binary file (1 label byte + 3x32x32 planes), normalised, NCHW float32."""
    rec = 1 + 3072
    raw = np.fromfile(path, dtype=np.uint8, count=n * rec)
    if raw.size != n * rec:
        raise SystemExit(f'{path}: holds fewer than {n} records')
    raw = raw.reshape(n, rec)
    labels = torch.from_numpy(raw[:, 0].astype(np.int64))
    img = raw[:, 1:].reshape(n, 3, 32, 32).astype(np.float32) / 255.0
    mean = np.array(CIFAR10_MEAN, dtype=np.float32).reshape(1, 3, 1, 1)
    std = np.array(CIFAR10_STD, dtype=np.float32).reshape(1, 3, 1, 1)
    return torch.from_numpy((img - mean) / std), labels


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def score_arch(arch, x, y, names, seed=0, shared=False):
    torch.manual_seed(seed)
    t0 = time.perf_counter()
    net = TinyNetwork(arch)
    build = time.perf_counter() - t0
    out = {'arch': arch, 'params': count_params(net), 'build_s': build, 'proxies': {}}
    if shared:
        out['proxies'] = shared_scores(net, x, y, names)
    for name in ([] if shared else names):
        t = time.perf_counter()
        value = PROXIES[name](copy.deepcopy(net), x, y)  # the reference scores every measure on a fresh copy
        out['proxies'][name] = {'seconds': time.perf_counter() - t, 'value': value}
    out['total_s'] = time.perf_counter() - t0
    out['peak_rss_mb'] = peak_rss_mb()
    return out


SELF_TEST = {
    '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|': 73306,
    '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|': 1531546,
    '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|': 1288506,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--archs', help='file with one NB201 arch string per line')
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--cifar', default='../shared/data/cifar/cifar10_test_300_jpeg.bin')
    ap.add_argument('--proxies', default=','.join(PROXIES))
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--self-test', action='store_true', help='check NB201 #Params of three archs and exit')
    ap.add_argument('--shared', action='store_true', help='torch at its best: shared passes on one copy (same values)')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)

    if a.self_test:
        bad = 0
        for arch, want in SELF_TEST.items():
            got = count_params(TinyNetwork(arch))
            print(f'{"ok  " if got == want else "FAIL"} {got:>9,} (published {want:>9,})  {arch}')
            bad += got != want
        sys.exit(1 if bad else 0)

    if not a.archs:
        ap.error('--archs FILE is required (or --self-test)')
    names = [p for p in a.proxies.split(',') if p]
    for p in names:
        if p not in PROXIES:
            ap.error(f'unknown proxy {p!r}; known: {", ".join(PROXIES)}')
    with open(a.archs) as fh:
        archs = [line.strip() for line in fh if line.strip()]
    x, y = read_cifar(a.cifar, a.batch)
    # Warm-up (lazy library init, allocator): one small forward+backward, not timed.
    warm = TinyNetwork(archs[0])
    F.cross_entropy(warm(x[:8]), y[:8]).backward()
    del warm
    result = {'torch': torch.__version__, 'threads': torch.get_num_threads(), 'batch': a.batch, 'shared': a.shared, 'archs': []}
    for arch in archs:
        r = score_arch(arch, x, y, names, a.seed, a.shared)
        result['archs'].append(r)
        print(f'{r["total_s"]:8.2f} s  {arch}', file=sys.stderr, flush=True)
    json.dump(result, sys.stdout, allow_nan=True)
    print()


if __name__ == '__main__':
    main()
