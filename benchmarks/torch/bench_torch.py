"""PyTorch's rows of `pnpm bench`: the same cases as the TypeScript suites, timed the same way.

Reads a JSON request on stdin (which suites, the training-step cases with their initial weights
and batch) and writes one JSON object to stdout: the median milliseconds per case, the losses of
three check steps per training case, and what this torch links against. Run by
benchmarks/src/pytorch-rows.ts with /usr/bin/python3 (Debian's python3-torch).
"""
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(int(os.environ.get("TORCHLET_BENCH_TORCH_THREADS", "1")))


def median_ms(fn, budget_ms=1000.0):
    """Median wall time of fn() in ms: a probe sizes the run to ~budget_ms, after a warm-up."""
    t0 = time.perf_counter()
    fn()
    probe = max((time.perf_counter() - t0) * 1e3, 1e-3)
    iterations = int(min(200, max(3, budget_ms // probe)))
    warm_until = time.perf_counter() + budget_ms / 3e3
    while probe < budget_ms / 2 and time.perf_counter() < warm_until:
        fn()
    samples = []
    for _ in range(iterations):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(samples)


def blas_library():
    """The BLAS shared object this process mapped (Debian switches it with update-alternatives)."""
    a = torch.randn(64, 64)
    a @ a
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return sorted(os.path.realpath(p) for p in paths)


def matmul_cases(req):
    out = {}
    for n, layout in req["matmul"]:
        g = torch.Generator().manual_seed(n)
        a = torch.rand(n, n, generator=g) * 2 - 1
        b = torch.rand(n, n, generator=g) * 2 - 1
        x = a.t() if layout == "Aᵀ·B" else a
        y = b.t() if layout == "A·Bᵀ" else b
        out[f"{layout} n={n}"] = median_ms(lambda: torch.mm(x, y))
    return out


def elementwise_cases(req):
    size = req["elementwiseSize"]
    g = torch.Generator().manual_seed(1)
    a = torch.rand(size, generator=g)
    b = torch.rand(size, generator=g)
    ops = {"add": lambda: a + b, "mul": lambda: a * b, "exp": lambda: torch.exp(a)}
    return {f"{name} n=2²⁰": median_ms(ops[name]) for name in req["elementwise"]}


def trainer(case):
    dims = case["dims"]
    layers = []
    for i, (fan_in, fan_out) in enumerate(zip(dims, dims[1:])):
        linear = torch.nn.Linear(fan_in, fan_out)
        with torch.no_grad():
            linear.weight.copy_(torch.tensor(case["linears"][i]["weight"]).reshape(fan_out, fan_in))
            linear.bias.copy_(torch.tensor(case["linears"][i]["bias"]))
        layers.append(linear)
        if i < len(dims) - 2:
            if case["hidden"] == "relu":
                layers.append(torch.nn.ReLU())
            else:
                layers += [torch.nn.LayerNorm(fan_out), torch.nn.GELU()]
    model = torch.nn.Sequential(*layers)
    x = torch.tensor(case["x"]).reshape(case["batch"], dims[0])
    y = torch.tensor(case["y"], dtype=torch.long)
    if case["optimizer"] == "adamw":
        opt = torch.optim.AdamW(model.parameters(), lr=case["lr"], weight_decay=case["weightDecay"])
    else:
        opt = torch.optim.Adam(model.parameters(), lr=case["lr"])
    clip = case.get("clip")

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        if clip is not None:
            torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
        opt.step()
        return loss.item()

    return step


def train_step_cases(req):
    out = {}
    losses = {}
    for case in req["trainStep"]:
        step = trainer(case)
        losses[case["name"]] = [step() for _ in range(3)]
        out[case["name"]] = median_ms(step)
    return out, losses


def main():
    req = json.load(sys.stdin)
    ms = {}
    losses = {}
    if req.get("matmul"):
        ms.update(matmul_cases(req))
    if req.get("elementwise"):
        ms.update(elementwise_cases(req))
    if req.get("trainStep"):
        step_ms, losses = train_step_cases(req)
        ms.update(step_ms)
    json.dump(
        {
            "version": torch.__version__,
            "threads": torch.get_num_threads(),
            "blas": blas_library(),
            "ms": ms,
            "losses": losses,
        },
        sys.stdout,
    )


main()
