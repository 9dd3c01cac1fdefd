#!/usr/bin/python3
"""PyTorch re-implementations of each proxy's reference procedure, run on the tensors zsnas exported
(bench/reference-agreement.ts writes DIR/manifest.json and the raw float32 files). Prints a markdown table of
relative errors and writes DIR/agreement.json. Written for this benchmark from the papers and reference code's
semantics (SamsungLabs zero-cost-nas, TE-NAS, BayesWatch/NASLib NASWOT, ZenNAS, ZiCo, NASLib EPE-NAS, GradSign,
KNAS, SLDGroup/NN_Mass); never imported by the product.

  /usr/bin/python3 bench/reference_agreement.py DIR
  /usr/bin/python3 bench/reference_agreement.py --table DIR...       # one table over several runs
  /usr/bin/python3 bench/reference_agreement.py --rescore DIR NEWDIR # DIR's references, NEWDIR's zsnas values
"""
import json
import math
import os
import re
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(2)


def load(dirname, file, shape, dtype=np.float32):
    return torch.from_numpy(np.fromfile(os.path.join(dirname, file), dtype=dtype).reshape(shape).copy())


def to_torch_layout(spec, t):
    """zsnas layouts (NHWC kernels [kh,kw,cin,cout], dense [in,out]) -> PyTorch's."""
    if spec['role'] != 'weight':
        return t
    if spec['layer'] == 'conv':
        return t.permute(3, 2, 0, 1).contiguous()
    if spec['layer'] == 'depthwise':
        kh, kw, cin, m = t.shape
        return t.permute(2, 3, 0, 1).reshape(cin * m, 1, kh, kw).contiguous()
    return t.t().contiguous()


def load_params(dirname, graph, files):
    specs = {p['name']: p for p in graph['params']}
    return {n: to_torch_layout(specs[n], load(dirname, f['file'], f['shape'])) for n, f in files.items()}


class Net:
    """Executes a zsnas graph IR in PyTorch (NCHW). bn: 'train' (batch statistics, PyTorch train mode),
    'identity' (removed, SynFlow). Hooks: on_relu(node, input), on_layer(node, output) for conv/dense outputs."""

    def __init__(self, graph):
        self.g = graph

    def __call__(self, P, x, bn='train', running=None, on_relu=None, on_layer=None, keep=None):
        vals = {}
        for n in self.g['nodes']:
            op, nid = n['op'], n['id']
            ins = [vals[i] for i in n['inputs']]
            if op == 'input':
                vals['input'] = x
                continue
            a = ins[0] if ins else None
            if op == 'conv2d':
                t, b, l, r = n['pad']
                y = F.conv2d(F.pad(a, (l, r, t, b)), P[nid + '.weight'], P.get(nid + '.bias'), n['stride'])
            elif op == 'depthwise_conv2d':
                t, b, l, r = n['pad']
                y = F.conv2d(F.pad(a, (l, r, t, b)), P[nid + '.weight'], P.get(nid + '.bias'), n['stride'], groups=a.shape[1])
            elif op == 'dense':
                y = F.linear(a, P[nid + '.weight'], P.get(nid + '.bias'))
            elif op == 'batchnorm':
                if bn == 'identity':
                    y = a
                else:
                    c = a.shape[1]
                    rm, rv = (running.setdefault(nid, (torch.zeros(c, dtype=a.dtype), torch.ones(c, dtype=a.dtype)))
                              if running is not None else (None, None))
                    y = F.batch_norm(a, rm, rv, P.get(nid + '.gamma'), P.get(nid + '.beta'), True, n['momentum'], n['eps'])
            elif op in ('relu', 'relu6'):
                if on_relu:
                    on_relu(n, a)
                y = F.relu(a) if op == 'relu' else F.hardtanh(a, 0.0, 6.0)
            elif op == 'avg_pool':
                p = n['pad'][0]
                y = F.avg_pool2d(a, n['size'], n['stride'], p, count_include_pad=False)
            elif op == 'max_pool':
                t, b, l, r = n['pad']
                y = F.max_pool2d(F.pad(a, (l, r, t, b), value=-math.inf), n['size'], n['stride'])
            elif op == 'global_avg_pool':
                y = a.mean((2, 3))
            elif op == 'flatten':
                y = a.permute(0, 2, 3, 1).reshape(a.shape[0], -1) if a.dim() == 4 else a.reshape(a.shape[0], -1)
            elif op == 'add':
                y = ins[0]
                for o in ins[1:]:
                    y = y + o
            elif op == 'concat':
                y = torch.cat(ins, 1)
            elif op == 'zero':
                y = a * 0.0
            elif op == 'identity':
                y = a
            else:
                raise ValueError(op)
            if on_layer and op in ('conv2d', 'depthwise_conv2d', 'dense'):
                y = on_layer(n, y)
            vals[nid] = y
        if keep:
            return vals[self.g['output']], vals[keep]
        return vals[self.g['output']]


def weights(graph):
    return [p['name'] for p in graph['params'] if p['role'] == 'weight']


def ce(logits, y):
    return F.cross_entropy(logits, y)


def grad_of(net, P, names, x, y, create_graph=False):
    Q = dict(P)
    ws = [Q[n].detach().requires_grad_(True) for n in names]
    Q.update(zip(names, ws))
    loss = ce(net(Q, x), y)
    gs = torch.autograd.grad(loss, ws, allow_unused=True, create_graph=create_graph)
    return [torch.zeros_like(w) if g is None else g for w, g in zip(ws, gs)], ws, Q


# ---- SamsungLabs zero-cost-nas (sum over conv/linear weights of the per-weight array) ----

def grad_norm(net, P, names, x, y):
    gs, _, _ = grad_of(net, P, names, x, y)
    return sum(g.norm().item() for g in gs)


def snip(net, P, names, x, y):
    gs, _, _ = grad_of(net, P, names, x, y)
    return sum((P[n] * g).abs().sum().item() for n, g in zip(names, gs))


def plain(net, P, names, x, y):
    gs, _, _ = grad_of(net, P, names, x, y)
    return sum((P[n] * g).sum().item() for n, g in zip(names, gs))


def grasp(net, P, names, x, y, dtype):
    """compute_grasp_per_weight: g (detached), grad_f with create_graph, z = sum g . grad_f, Hg = dz/dW."""
    P = {k: v.to(dtype) for k, v in P.items()}
    x = x.to(dtype)
    g, _, _ = grad_of(net, P, names, x, y)
    g = [t.detach() for t in g]
    gf, ws, _ = grad_of(net, P, names, x, y, create_graph=True)
    z = sum((a * b).sum() for a, b in zip(g, gf))
    hg = torch.autograd.grad(z, ws, allow_unused=True)
    return -sum((w.detach() * h).sum().item() for w, h in zip(ws, hg) if h is not None)


def fisher(net, P, names, x, y):
    """compute_fisher_per_weight: per conv/linear output channel F_k = 1/2 mean_n (sum_hw a*da)^2, broadcast to
    the weights of that channel (x prod(weight.shape[1:]))."""
    acts = {}

    def on_layer(n, out):
        out.retain_grad()
        acts[n['id']] = out
        return out

    Q = {k: v.clone().requires_grad_(k in names) for k, v in P.items()}
    loss = ce(net(Q, x, on_layer=on_layer), y)
    loss.backward()
    total = 0.0
    for nid, a in acts.items():
        if a.grad is None:
            continue
        s = (a * a.grad).sum((2, 3)) if a.dim() == 4 else a * a.grad
        Fk = 0.5 * (s.detach() ** 2).mean(0)
        w = P[nid + '.weight']
        total += (Fk.abs() * float(np.prod(w.shape[1:]))).sum().item()
    return total


def synflow(net, P, names, graph):
    """bn=False copy, |theta|, float64, all-ones [1,C,H,W], R = sum logits; sum |W * dR/dW|; natural log."""
    Q = {k: v.double().abs() for k, v in P.items()}
    ws = [Q[n].requires_grad_(True) for n in names]
    h, w, c = graph['inputShape']
    R = net(Q, torch.ones(1, c, h, w, dtype=torch.float64), bn='identity').sum()
    gs = torch.autograd.grad(R, ws, allow_unused=True)
    s = sum((wt * g).abs().sum().item() for wt, g in zip(ws, gs) if g is not None)
    return math.log(s) if s > 0 else -math.inf


def l2_norm(P, names):
    return sum(P[n].norm().item() for n in names)


def input_jacobian(net, P, x):
    xg = x.clone().requires_grad_(True)
    net(P, xg).backward(torch.ones(x.shape[0], net.g['numClasses']))
    return xg.grad.reshape(x.shape[0], -1).double().numpy()


def jacob_cov(net, P, x):
    J = input_jacobian(net, P, x)
    ev = np.linalg.eigvalsh(np.corrcoef(J))
    k = 1e-5
    return -float(np.sum(np.log(ev + k) + 1.0 / (ev + k)))


def epe_nas(net, P, x, y):
    """NASLib eval_score_perclass."""
    J = input_jacobian(net, P, x)
    labels = y.numpy()
    classes = net.g['numClasses']
    per = {}
    for c in np.unique(labels):
        Jc = J[labels == c]
        corr = np.corrcoef(Jc)
        s = np.sum(np.log(np.abs(corr) + 1e-5))
        per[c] = s / len(Jc) if classes > 100 else s
    vals = np.array(list(per.values()))
    if classes <= 100:
        return float(np.sum(np.abs(vals)))
    return float(np.sum(np.abs(vals[:, None] - vals[None, :])) / len(vals))


def naswot(net, P, x):
    """K = sum over ReLU modules of c c^T + (1-c)(1-c)^T, c = [relu input > 0] (NASLib nwot: plain ReLUs)."""
    n = x.shape[0]
    K = np.zeros((n, n))

    def on_relu(_node, z):
        c = (z.reshape(n, -1) > 0).double()
        K[:] += (c @ c.t() + (1 - c) @ (1 - c).t()).numpy()

    with torch.no_grad():
        net(P, x, on_relu=on_relu)
    return float(np.linalg.slogdet(K)[1])


def zen(net, P, xs, eps, alpha):
    running = {}
    with torch.no_grad():
        _, f1 = net(P, xs, running=running, keep=net.g['preGap'])
        _, f2 = net(P, xs + alpha * eps, running=running, keep=net.g['preGap'])
    delta = (f1 - f2).abs().reshape(xs.shape[0], -1).sum(1).mean().item()
    bn2d = {n['id'] for n in net.g['nodes'] if n['op'] == 'batchnorm' and len(n['shape']) == 3}
    log_bn = sum(math.log(math.sqrt(rv.mean().item())) for nid, (_, rv) in running.items() if nid in bn2d)
    return math.log(delta) + log_bn


def zico(net, P, names, batches, accumulate):
    """SLDGroup/ZiCo getzico: its loop never zeroes the gradients, so record b is g_0 + ... + g_b (float32 .grad);
    accumulate=False gives the paper's per-batch gradients."""
    per, running = [], None
    for x, y in batches:
        gs, _, _ = grad_of(net, P, names, x, y)
        if accumulate:
            running = gs if running is None else [r + g for r, g in zip(running, gs)]
            gs = running
        per.append([g.reshape(-1).double().numpy() for g in gs])
    score = 0.0
    for layer in range(len(names)):
        G = np.stack([p[layer] for p in per])
        std = G.std(0)
        nz = std != 0
        S = np.sum(np.abs(G).mean(0)[nz] / std[nz])
        if S != 0:
            score += math.log(S)
    return score


def ntk_kappa(net, P, x):
    """TE-NAS get_ntk_n: per-sample d(sum_c logits[i])/d theta over parameters named '*weight' (conv, BN gamma,
    linear), train mode, Theta = J J^T, kappa = max/min eigenvalue."""
    names = [p['name'] for p in net.g['params'] if p['role'] in ('weight', 'gamma')]
    Q = dict(P)
    ws = [Q[n].detach().requires_grad_(True) for n in names]
    Q.update(zip(names, ws))
    logits = net(Q, x)
    rows = []
    for i in range(x.shape[0]):
        gs = torch.autograd.grad(logits[i].sum(), ws, retain_graph=True, allow_unused=True)
        rows.append(torch.cat([(torch.zeros_like(w) if g is None else g).reshape(-1) for w, g in zip(ws, gs)]))
    J = torch.stack(rows).double()
    ev = torch.linalg.eigvalsh(J @ J.t())
    k = (ev[-1] / ev[0]).item()
    return 1e5 if math.isnan(k) else k


def per_sample_grads(net, P, names, samples):
    out = []
    for x, y in samples:
        gs, _, _ = grad_of(net, P, names, x, y)
        out.append(torch.cat([g.reshape(-1) for g in gs]).double())
    return torch.stack(out)


def grad_sign(G):
    return float(torch.sign(G).sum(0).abs().sum().item())


def knas(G):
    return float((G.mean(0) ** 2).sum().item())


def tenas_regions(thin, dirname):
    """TE-NAS Linear_Region_Collector on its thin net: sign of every ReLU output, codes concatenated per sample,
    distinct codes over all batches of a repeat, mean over repeats."""
    net = Net(thin['graph'])
    total = 0
    for rep in thin['repeats']:
        P = load_params(dirname, thin['graph'], rep['params'])
        codes = []
        for f in rep['crops']:
            x = load(dirname, f, (thin['crops'], 3, 3, 1)).permute(0, 3, 1, 2)
            feats = []
            with torch.no_grad():
                net(P, x, on_relu=lambda n, z: feats.append(torch.sign(F.relu(z)).reshape(x.shape[0], -1)))
            codes.append(torch.cat(feats, 1))
        total += torch.unique(torch.cat(codes), dim=0).shape[0]
    return total / len(thin['repeats'])


def regions_along_lines(net, P, x, lines, points):
    a, b = x[:lines], x[lines:2 * lines]
    t = torch.linspace(0, 1, points).reshape(1, points, 1, 1, 1)
    pts = (a[:, None] + t * (b - a)[:, None]).reshape(lines * points, *x.shape[1:])
    flips = torch.zeros(lines, dtype=torch.float64)

    def on_relu(_n, z):
        c = (z > 0).reshape(lines, points, -1)
        flips.add_((c[:, 1:] != c[:, :-1]).sum((1, 2)).double())

    with torch.no_grad():
        net(P, pts, on_relu=on_relu)
    return float((1 + flips).mean().item())


def nn_mass_macro(m):
    """SLDGroup/NN_Mass model_zoo.py: BasicBlock planes + inplanes (every block); InvertedResidual with identity
    residual (stride 1, inp == oup) (inp + 2h) inp / (2 inp + h), h = inp * t; others 0."""
    mass, width = 0.0, m['stem']['width']
    for s in m['stages']:
        for d in range(s['depth']):
            stride = s['stride'] if d == 0 else 1
            if s['block'] == 'residual':
                mass += width + s['width']
            elif s['block'] == 'mbconv' and stride == 1 and width == s['width']:
                h = width * s['expansion']
                mass += (width + 2 * h) * width / (2 * width + h)
            width = s['width']
    return mass


def nn_mass_nb201(arch, cell_widths):
    """zsnas's own NB201 extension (no published counterpart), recomputed from the arch string; cell_widths = the
    channel count of every cell of the network."""
    edges = []
    for to, group in enumerate(arch.strip('|').split('|+|'), start=1):
        for item in group.split('|'):
            op, frm = item.split('~')
            edges.append((int(frm), to, op))
    alive = [e for e in edges if e[2] != 'none']
    reach = {0}
    for f, t, _ in sorted(alive, key=lambda e: e[1]):
        if f in reach:
            reach.add(t)
    back = {3}
    for f, t, _ in sorted(alive, key=lambda e: -e[0]):
        if t in back:
            back.add(f)
    live = [e for e in alive if e[0] in reach and e[1] in back]
    depth = {0: 0}
    for node in (1, 2, 3):
        ds = [depth[f] + (op in ('nor_conv_1x1', 'nor_conv_3x3')) for f, t, op in live if t == node and f in depth]
        if ds:
            depth[node] = max(ds)
    rho = sum(1 for f, t, _ in live if t - f >= 2) / 3
    return sum(cell_widths) * rho * depth.get(3, 0)


def rel(a, b):
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(b), 1e-300)


def main(dirname):
    man = json.load(open(os.path.join(dirname, 'manifest.json')))
    batches = []
    for b in man['batches']:
        x = load(dirname, b['images'], (b['n'], b['height'], b['width'], 3)).permute(0, 3, 1, 2).contiguous()
        y = load(dirname, b['labels'], (b['n'],), np.int32).long()
        batches.append((x, y))
    results = []
    for net_m in man['nets']:
        d = os.path.join(dirname, net_m['key'])
        g = net_m['graph']
        net = Net(g)
        P = load_params(d, g, net_m['params']['pytorch'])
        PG = load_params(d, g, net_m['params']['gaussian'])
        opt = net_m['options']
        names = weights(g)
        x0, y0 = batches[0]
        ref = {}
        # Only the references of the proxies zsnas scored here (--proxies): grasp's float64 double backprop alone
        # takes most of a full-size network's time.
        want = lambda p: p in net_m['zsnas']
        if want('params'):
            ref['params'] = float(sum(v.numel() for v in P.values()))
        if want('l2_norm'):
            ref['l2_norm'] = l2_norm(P, names)
        if want('grad_norm'):
            ref['grad_norm'] = grad_norm(net, P, names, x0, y0)
        if want('snip'):
            ref['snip'] = snip(net, P, names, x0, y0)
        if want('plain'):
            ref['plain'] = plain(net, P, names, x0, y0)
        if want('grasp'):
            ref['grasp'] = grasp(net, P, names, x0, y0, torch.float64)
            for k in net_m['zsnas']:
                if k.startswith('grasp:'):  # grasp:exact, grasp:eps=...: the same float64 double backprop
                    ref[k] = ref['grasp']
            ref['grasp (vs float32 double backprop)'] = grasp(net, P, names, x0, y0, torch.float32)
        if want('fisher'):
            ref['fisher'] = fisher(net, P, names, x0, y0)
        if want('synflow'):
            ref['synflow'] = synflow(net, P, names, g)
        if want('jacob_cov'):
            ref['jacob_cov'] = jacob_cov(net, P, x0[:opt['jacob_cov']['samples']])
        if want('epe_nas'):
            n = opt['epe_nas']['samples']
            ref['epe_nas'] = epe_nas(net, P, x0[:n], y0[:n])
        if want('naswot'):
            ref['naswot'] = naswot(net, P, x0[:opt['naswot']['samples']])
        if want('zen'):
            h, w, c = g['inputShape']
            zb = opt['zen']['batch']
            zx = load(d, net_m['zen']['x'], (zb, h, w, c)).permute(0, 3, 1, 2)
            ze = load(d, net_m['zen']['eps'], (zb, h, w, c)).permute(0, 3, 1, 2)
            ref['zen'] = zen(net, PG, zx, ze, opt['zen']['alpha'])
        if want('zico'):
            ref['zico'] = zico(net, P, names, batches[:opt['zico']['batches']], opt['zico'].get('accumulate', False))
        xs = torch.cat([b[0] for b in batches])
        ys = torch.cat([b[1] for b in batches])
        if want('ntk'):
            # TE-NAS: every repeat has fresh weights and a fresh shuffled batch; zsnas's draws are exported
            draws = [torch.tensor(ix, dtype=torch.long) for ix in net_m['ntkDraws']]
            kappas = [ntk_kappa(net, P, xs[draws[0]])]
            for rp, ix in zip(net_m['ntkRepeats'], draws[1:]):
                kappas.append(ntk_kappa(net, load_params(d, g, rp), xs[ix]))
            ref['ntk'] = -sum(kappas) / len(kappas)
        if want('grad_sign') or want('knas'):
            m = max(opt['grad_sign']['samples'], opt['knas']['samples'])
            G = per_sample_grads(net, P, names, [(xs[i:i + 1], ys[i:i + 1]) for i in range(m)])
            ref['grad_sign'] = grad_sign(G[:opt['grad_sign']['samples']])
            ref['knas'] = knas(G[:opt['knas']['samples']])
        if net_m['thin']:
            if want('linear_regions'):
                ref['linear_regions'] = tenas_regions(net_m['thin'], d)
            if want('nn_mass'):
                cells = [n['shape'][-1] for n in g['nodes'] if re.fullmatch(r's\d+\.c\d+\.n3', n['id'])]
                ref['nn_mass'] = nn_mass_nb201(g['name'][len('nb201:'):], cells)
        else:
            lr = opt['linear_regions']
            if want('linear_regions'):
                ref['linear_regions'] = regions_along_lines(net, P, x0[:2 * lr['lines']], lr['lines'], lr['points'])
            if want('nn_mass'):
                ref['nn_mass'] = nn_mass_macro(net_m['macro'])
        row = {'key': net_m['key'], 'name': g['name'], 'proxies': {}}
        for p, r in ref.items():
            zs = net_m['zsnas'].get(p.split(' ')[0])  # 'grasp (vs float32 ...)' compares zsnas's grasp
            if zs is None:
                continue
            row['proxies'][p] = {'zsnas': zs['value'], 'status': zs['status'], 'reference': r, 'rel': rel(zs['value'], r)}
            if zs.get('error'):
                row['proxies'][p]['reason'] = zs['error']
        results.append(row)
        print(f"{net_m['key']}: " + ', '.join(f"{p} {v['rel']:.1e}" for p, v in row['proxies'].items()), file=sys.stderr, flush=True)
    json.dump({'torch': torch.__version__, 'nets': results, 'options': man['nets'][0]['options']},
              open(os.path.join(dirname, 'agreement.json'), 'w'), indent=1)
    table([dirname])


def table(dirs):
    """Markdown table over the agreement.json of one or more runs: per proxy the largest relative error over the
    networks whose status is ok, the errors per network (* = zsnas status unstable), and the statuses seen."""
    results = [r for d in dirs for r in json.load(open(os.path.join(d, 'agreement.json')))['nets']]
    print('networks: ' + ', '.join(f"{r['key']} `{r['name']}`" for r in results))
    print()
    print('| proxy | max relative error (status ok) | per network | zsnas status |')
    print('|---|---|---|---|')
    rows = []
    for r in results:  # every proxy row of any network, in first-seen order (grasp:exact only where it ran)
        rows += [p for p in r['proxies'] if p not in rows]
    for p in rows:
        cells = [r['proxies'][p] for r in results if p in r['proxies']]
        ok = [c['rel'] for c in cells if c['status'] == 'ok']
        per = ' '.join(f"{c['rel']:.0e}" + ('*' if c['status'] == 'unstable' else '') for c in cells)
        stats = ', '.join(f"{s} {sum(c['status'] == s for c in cells)}" for s in sorted({c['status'] for c in cells}))
        print(f"| {p} | {max(ok):.1e} | {per} | {stats} |" if ok else f"| {p} | – | {per} | {stats} |")


def rescore(dirname, newdir):
    """Replace the zsnas values (and statuses) of DIR/agreement.json by those NEWDIR/manifest.json holds for the same
    networks; the references stay (they depend only on the exported, seeded tensors)."""
    path = os.path.join(dirname, 'agreement.json')
    agreement = json.load(open(path))
    fresh = {n['key']: n['zsnas'] for n in json.load(open(os.path.join(newdir, 'manifest.json')))['nets']}
    for row in agreement['nets']:
        zs = fresh.get(row['key'], {})
        for p, v in row['proxies'].items():
            new = zs.get(p.split(' ')[0])
            if new is not None:
                v.update(zsnas=new['value'], status=new['status'], rel=rel(new['value'], v['reference']))
                if new.get('error'):
                    v['reason'] = new['error']
                else:
                    v.pop('reason', None)
    json.dump(agreement, open(path, 'w'), indent=1)
    table([dirname])


if __name__ == '__main__':
    if sys.argv[1] == '--table':
        table(sys.argv[2:])
    elif sys.argv[1] == '--rescore':
        rescore(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1])
