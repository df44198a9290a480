#!/usr/bin/env python3
"""The PyTorch peer of `eligo bench shd-shape --rule bptt|eprop`: the same network and training step.

700 inputs -> 256 recurrent LIF (tau_m 20 ms, threshold 1, reset by subtraction, dt 1 ms)
-> 20 leaky-integrator outputs (tau_out 20 ms); Poisson input at 2 % density per step; loss:
softmax cross-entropy of the readout at every step, averaged; surrogate derivative
0.3 * max(0, 1 - |v - theta| / theta) / theta; Adam (lr 1e-3). One training step = forward over
T steps for the whole batch + backward (BPTT by autograd) or e-prop + Adam.

BPTT is written as plain PyTorch SNN code usually is (SpyTorch, for one): the input projection
of all T steps in one matrix product, the recurrent loop, the readout's projection of all
steps' spikes in one product, its leaky filter, and one loss call over all steps. That is the
same loss and gradients as projecting and scoring step by step (in float64 they agree to
3e-15 relative; `--check-bptt` runs that check, both forms being in bptt_loss), and about 1.4x
(T = 100) and 2x (T = 1 000) faster than it on the 2-core benchmark machine.

e-prop here is the plain per-synapse form, as the e-prop paper's code writes it: input and
recurrent traces filtered with alpha, eligibility e = psi * trace for every synapse and sample,
filtered with kappa, times the learning signal B err (B = W_out, symmetric feedback) and summed
over steps and samples; the readout's gradient through kappa-filtered spikes. No autograd.

Run with Debian's python3-torch:  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 shd_shape_torch.py --steps 100
"""
import argparse
import json
import math
import resource
import time

import torch

from bench_machine import machine


class SpikeFn(torch.autograd.Function):
    @staticmethod
    def forward(ctx, u):
        ctx.save_for_backward(u)
        return (u >= 0).to(u.dtype)

    @staticmethod
    def backward(ctx, grad):
        (u,) = ctx.saved_tensors
        return grad * 0.3 * torch.clamp(1 - u.abs(), min=0)


def bptt_loss(x, labels, w_in, w_rec, w_out, b_out, alpha, kappa, theta, stepwise):
    """The BPTT step's loss: as the benchmark computes it, or (stepwise) one step at a time."""
    steps, batch, n_in = x.shape
    n, n_out = w_rec.shape[0], w_out.shape[1]
    v = torch.zeros(batch, n, dtype=x.dtype)
    z = torch.zeros(batch, n, dtype=x.dtype)
    if stepwise:
        y = torch.zeros(batch, n_out, dtype=x.dtype)
        loss = 0.0
        for t in range(steps):
            v = alpha * v + x[t] @ w_in + z @ w_rec - theta * z
            z = SpikeFn.apply((v - theta) / theta)
            y = kappa * y + z @ w_out + b_out
            loss = loss + torch.nn.functional.cross_entropy(y, labels)
        return loss / steps
    cur = (x.reshape(-1, n_in) @ w_in).reshape(steps, batch, n).unbind(0)
    zs = []
    for t in range(steps):
        v = alpha * v + cur[t] + z @ w_rec - theta * z
        z = SpikeFn.apply((v - theta) / theta)
        zs.append(z)
    proj = (torch.stack(zs).reshape(-1, n) @ w_out + b_out).reshape(steps, batch, n_out).unbind(0)
    y = torch.zeros(batch, n_out, dtype=x.dtype)
    ys = []
    for t in range(steps):
        y = kappa * y + proj[t]
        ys.append(y)
    return torch.nn.functional.cross_entropy(torch.stack(ys).reshape(-1, n_out), labels.repeat(steps))


def check_bptt():
    """Loss and gradients of both forms in float64 on a 50-step batch of 8; 0 if they agree."""
    torch.manual_seed(0)
    n_in, n, n_out, steps, batch = 700, 256, 20, 50, 8
    f64 = torch.float64
    params = [torch.randn(n_in, n, dtype=f64) / math.sqrt(n_in) * 3, torch.randn(n, n, dtype=f64) / math.sqrt(n),
              torch.randn(n, n_out, dtype=f64) / math.sqrt(n), torch.randn(n_out, dtype=f64)]
    params = [torch.nn.Parameter(q) for q in params]
    x = (torch.rand(steps, batch, n_in) < 0.05).to(f64)
    labels = torch.arange(batch) % n_out
    decay = math.exp(-1 / 20)
    results = []
    for stepwise in (True, False):
        for q in params:
            q.grad = None
        loss = bptt_loss(x, labels, *params, decay, decay, 1.0, stepwise)
        loss.backward()
        results.append([loss.detach()] + [q.grad.clone() for q in params])
    worst = max(float(((a - b).abs().max() / (a.abs().max() + 1e-300))) for a, b in zip(*results))
    losses = "loss %.12f vs %.12f" % (results[0][0].item(), results[1][0].item())
    print("BPTT step: %s, largest relative difference of loss and gradients %.1e" % (losses, worst))
    return 0 if worst < 1e-12 else 1


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rule", choices=["bptt", "eprop"], default="bptt")
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--iterations", type=int, default=5)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--accuracy-batches", type=int, default=0,
                   help="instead of timing: train N batches on the learnable input of "
                        "`eligo bench shd-shape --accuracy-batches` and test on 320 new samples")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--json")
    p.add_argument("--check-bptt", action="store_true",
                   help="instead of timing: check in float64 that the BPTT step's loss and "
                        "gradients equal those of projecting and scoring step by step")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    if a.check_bptt:
        raise SystemExit(check_bptt())
    torch.manual_seed(1)
    n_in, n, n_out, theta = 700, 256, 20, 1.0
    alpha, kappa = math.exp(-1 / 20), math.exp(-1 / 20)
    w_in = torch.nn.Parameter(torch.randn(n_in, n) / math.sqrt(n_in))
    w_rec = torch.nn.Parameter(torch.randn(n, n) / math.sqrt(n) * (1 - torch.eye(n)))
    w_out = torch.nn.Parameter(torch.randn(n, n_out) / math.sqrt(n))
    b_out = torch.nn.Parameter(torch.zeros(n_out))
    opt = torch.optim.Adam([w_in, w_rec, w_out, b_out], lr=1e-3)
    x = (torch.rand(a.steps, a.batch, n_in) < 0.02).float()
    labels = torch.arange(a.batch) % n_out

    def step():
        loss = bptt_loss(x, labels, w_in, w_rec, w_out, b_out, alpha, kappa, theta, stepwise=False)
        opt.zero_grad()
        loss.backward()
        opt.step()

    def eprop_step():
        with torch.no_grad():
            v = torch.zeros(a.batch, n)
            z = torch.zeros(a.batch, n)
            y = torch.zeros(a.batch, n_out)
            x_tr = torch.zeros(a.batch, n_in)
            z_tr = torch.zeros(a.batch, n)
            e_in = torch.zeros(a.batch, n_in, n)
            e_rec = torch.zeros(a.batch, n, n)
            z_k = torch.zeros(a.batch, n)
            b_tr = 0.0
            g_in = torch.zeros(n_in, n)
            g_rec = torch.zeros(n, n)
            g_out = torch.zeros(n, n_out)
            g_b = torch.zeros(n_out)
            onehot = torch.nn.functional.one_hot(labels, n_out).float()
            for t in range(a.steps):
                z_tr = alpha * z_tr + z            # z(t-1) enters the recurrent trace
                x_tr = alpha * x_tr + x[t]
                v = alpha * v + x[t] @ w_in + z @ w_rec - theta * z
                u = (v - theta) / theta
                psi = 0.3 * torch.clamp(1 - u.abs(), min=0) / theta
                z = (u >= 0).float()
                y = kappa * y + z @ w_out + b_out
                err = (torch.softmax(y, dim=1) - onehot) / a.steps
                e_in.mul_(kappa).add_(x_tr.unsqueeze(2) * psi.unsqueeze(1))
                e_rec.mul_(kappa).add_(z_tr.unsqueeze(2) * psi.unsqueeze(1))
                sig = err @ w_out.t()
                g_in += torch.einsum("bij,bj->ij", e_in, sig)
                g_rec += torch.einsum("bij,bj->ij", e_rec, sig)
                z_k = kappa * z_k + z
                b_tr = kappa * b_tr + 1
                g_out += z_k.t() @ err
                g_b += err.sum(0) * b_tr
            s = 1.0 / a.batch
            w_in.grad = g_in * s
            w_rec.grad = g_rec * s * (1 - torch.eye(n))
            w_out.grad = g_out * s
            b_out.grad = g_b * s
        opt.step()

    if a.rule == "eprop":
        step = eprop_step

    if a.accuracy_batches > 0:
        # each of the 20 classes fires its own 35 channels at 3 % per step, the others at 1.5 %
        def patterns(n):
            lab = torch.arange(n) % n_out
            p = torch.full((n, n_in), 0.015)
            for i in range(n):
                p[i, lab[i] * 35:(lab[i] + 1) * 35] = 0.03
            return (torch.rand(a.steps, n, n_in) < p.unsqueeze(0)).float(), lab

        t0 = time.perf_counter()
        for _ in range(a.accuracy_batches):
            xb, lb = patterns(a.batch)
            x.copy_(xb)
            labels.copy_(lb)
            step()
        with torch.no_grad():
            xt, lt = patterns(320)
            v = torch.zeros(320, n)
            z = torch.zeros(320, n)
            y = torch.zeros(320, n_out)
            ysum = torch.zeros(320, n_out)
            spikes = 0.0
            for t in range(a.steps):
                v = alpha * v + xt[t] @ w_in + z @ w_rec - theta * z
                z = ((v - theta) / theta >= 0).float()
                spikes += z.sum().item() / 320
                y = kappa * y + z @ w_out + b_out
                ysum += y
            acc = (ysum.argmax(1) == lt).float().mean().item()
        sec = time.perf_counter() - t0
        out = {"case": "shd-shape-accuracy", "rule": a.rule, "peer": "pytorch " + torch.__version__,
               "steps": a.steps, "batch": a.batch, "train_batches": a.accuracy_batches, "test_samples": 320,
               "test_accuracy": acc, "spikes_per_sample": spikes, "seconds": sec}
        print("pytorch shd-shape %s T=%d: %d batches of %d, test accuracy %.1f %% on 320 samples, %.0f spikes per sample (%.1f s)"
              % (a.rule, a.steps, a.accuracy_batches, a.batch, 100 * acc, spikes, sec))
        if a.json:
            with open(a.json, "w") as f:
                json.dump(dict(out, machine=machine()), f, indent=2)
        return

    for _ in range(a.warmup):
        step()
    t0 = time.perf_counter()
    for _ in range(a.iterations):
        step()
    sec = (time.perf_counter() - t0) / a.iterations
    out = {
        "case": "shd-shape", "rule": a.rule, "peer": "pytorch " + torch.__version__,
        "steps": a.steps, "batch": a.batch, "threads": a.threads, "iterations": a.iterations,
        "seconds_per_step": sec, "samples_per_second": a.batch / sec,
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }
    print("pytorch shd-shape %s T=%d batch %d, %d threads: %.4f s per step, %.1f samples/s, peak RSS %.0f MB"
          % (a.rule, a.steps, a.batch, a.threads, sec, a.batch / sec, out["peak_rss_bytes"] / 1e6))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(dict(out, machine=machine()), f, indent=2)


if __name__ == "__main__":
    main()
