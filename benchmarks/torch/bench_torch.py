"""PyTorch's rows of `pnpm bench`: the same cases as the TypeScript suites, timed the same way.

Reads a JSON request on stdin (which suites, the training-step cases with their initial weights
and batch, the GPT case with its weights and tokens, the attention inputs) and writes one JSON
object to stdout: the median milliseconds per case, the losses of three check steps per training
case, the GPT step's per-phase medians, the attention results (to check torchlet's against), and
what this torch links against. Run by benchmarks/src/pytorch-rows.ts with /usr/bin/python3
(Debian's python3-torch).
"""
import json
import math
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


def causal_mask(t):
    """Additive causal mask [t, t]: 0 on and below the diagonal, -inf above."""
    return torch.full((t, t), float("-inf")).triu(1)


def composed_attention(q, k, v, mask):
    """softmax(q·kᵀ·scale + mask)·v: torch 1.13 has no scaled_dot_product_attention."""
    scores = q @ k.transpose(-2, -1) * (1 / math.sqrt(q.shape[-1])) + mask
    return torch.softmax(scores, -1) @ v


# The GPT, nanoGPT's architecture, with the attribute names of benchmarks/src/gpt-model.ts so
# that both load the same state dict under the same keys.
class LayerNorm(torch.nn.Module):
    """nanoGPT's LayerNorm: torch 1.13's nn.LayerNorm cannot leave out the bias."""

    def __init__(self, c, bias):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(c))
        self.bias = torch.nn.Parameter(torch.zeros(c)) if bias else None

    def forward(self, x):
        return F.layer_norm(x, self.weight.shape, self.weight, self.bias, 1e-5)


class CausalSelfAttention(torch.nn.Module):
    def __init__(self, cfg):
        super().__init__()
        c = cfg["nEmbd"]
        self.nHead = cfg["nHead"]
        self.cAttn = torch.nn.Linear(c, 3 * c, bias=cfg["bias"])
        self.cProj = torch.nn.Linear(c, c, bias=cfg["bias"])
        self.register_buffer("mask", causal_mask(cfg["blockSize"]), persistent=False)

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = (
            z.view(b, t, self.nHead, c // self.nHead).transpose(1, 2)
            for z in self.cAttn(x).split(c, 2)
        )
        y = composed_attention(q, k, v, self.mask[:t, :t])
        return self.cProj(y.transpose(1, 2).reshape(b, t, c))


class Mlp(torch.nn.Module):
    def __init__(self, cfg):
        super().__init__()
        c = cfg["nEmbd"]
        self.cFc = torch.nn.Linear(c, 4 * c, bias=cfg["bias"])
        self.cProj = torch.nn.Linear(4 * c, c, bias=cfg["bias"])

    def forward(self, x):
        return self.cProj(F.gelu(self.cFc(x)))


class Block(torch.nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.ln1 = LayerNorm(cfg["nEmbd"], cfg["bias"])
        self.attn = CausalSelfAttention(cfg)
        self.ln2 = LayerNorm(cfg["nEmbd"], cfg["bias"])
        self.mlp = Mlp(cfg)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.mlp(self.ln2(x))


class Gpt(torch.nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.wte = torch.nn.Embedding(cfg["vocabSize"], cfg["nEmbd"])
        self.wpe = torch.nn.Embedding(cfg["blockSize"], cfg["nEmbd"])
        self.h = torch.nn.ModuleList(Block(cfg) for _ in range(cfg["nLayer"]))
        self.lnF = LayerNorm(cfg["nEmbd"], cfg["bias"])
        self.lmHead = torch.nn.Linear(cfg["nEmbd"], cfg["vocabSize"], bias=False)
        self.lmHead.weight = self.wte.weight  # tied

    def forward(self, idx, pos):
        x = self.wte(idx) + self.wpe(pos)
        for block in self.h:
            x = block(x)
        return self.lmHead(self.lnF(x))


def gpt_phases(cfg):
    """The GPT step as three phases (forward+loss, zero_grad+backward+clip, AdamW step)."""
    model = Gpt(cfg)
    state = {name: torch.tensor(p["values"]).reshape(p["shape"]) for name, p in cfg["params"].items()}
    state["lmHead.weight"] = state["wte.weight"]
    model.load_state_dict(state)
    b, t, vocab = cfg["batch"], cfg["blockSize"], cfg["vocabSize"]
    idx = torch.tensor(cfg["idx"], dtype=torch.long).reshape(b, t)
    targets = torch.tensor(cfg["targets"], dtype=torch.long)
    pos = torch.arange(t)
    named = list(model.named_parameters())  # the tied weight once, as wte.weight
    decay = [p for n, p in named if cfg["params"][n]["decay"]]
    no_decay = [p for n, p in named if not cfg["params"][n]["decay"]]
    opt = torch.optim.AdamW(
        [
            {"params": decay, "weight_decay": cfg["weightDecay"]},
            {"params": no_decay, "weight_decay": 0.0},
        ],
        lr=cfg["lr"],
        betas=tuple(cfg["betas"]),
    )

    def forward():
        return F.cross_entropy(model(idx, pos).view(b * t, vocab), targets)

    def backward(loss):
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg["clip"])

    return forward, backward, opt.step


def gpt_case(cfg):
    """Median ms of the whole step, the first three losses, and the median ms of each phase."""
    forward, backward, update = gpt_phases(cfg)

    def step():
        loss = forward()
        backward(loss)
        update()
        return loss.item()

    losses = [step() for _ in range(3)]
    ms = median_ms(step, cfg["budgetMs"])
    times = {"forward": [], "backward": [], "update": []}
    for warm in (True, False):
        start = time.perf_counter()
        i = 0
        while i < 5 or time.perf_counter() - start < 1.0:
            t0 = time.perf_counter()
            loss = forward()
            t1 = time.perf_counter()
            backward(loss)
            t2 = time.perf_counter()
            update()
            t3 = time.perf_counter()
            i += 1
            if not warm:
                times["forward"].append((t1 - t0) * 1e3)
                times["backward"].append((t2 - t1) * 1e3)
                times["update"].append((t3 - t2) * 1e3)
    phases = {k: statistics.median(v) for k, v in times.items()}
    return ms, losses, phases


def attention_cases(req):
    """Composed causal attention forward, and forward+backward, on the request's q, k, v."""
    a = req["attention"]
    shape = (a["B"], a["H"], a["T"], a["D"])
    q, k, v, grad = (torch.tensor(a[n]).reshape(shape) for n in ("q", "k", "v", "grad"))
    mask = causal_mask(a["T"])
    with torch.no_grad():
        out = composed_attention(q, k, v, mask)
    forward_ms = median_ms(lambda: composed_attention(q, k, v, mask), a["budgetMs"])
    leaves = [x.clone().requires_grad_() for x in (q, k, v)]

    def forward_backward():
        for x in leaves:
            x.grad = None
        composed_attention(*leaves, mask).backward(grad)

    forward_backward_ms = median_ms(forward_backward, a["budgetMs"])
    forward_backward()
    result = {"output": out.flatten().tolist()}
    for name, x in zip(("gradQ", "gradK", "gradV"), leaves):
        result[name] = x.grad.flatten().tolist()
    ms = {a["forwardKey"]: forward_ms, a["forwardBackwardKey"]: forward_backward_ms}
    return ms, result


def main():
    req = json.load(sys.stdin)
    ms = {}
    losses = {}
    report = {}
    if req.get("matmul"):
        ms.update(matmul_cases(req))
    if req.get("elementwise"):
        ms.update(elementwise_cases(req))
    if req.get("trainStep"):
        step_ms, losses = train_step_cases(req)
        ms.update(step_ms)
    if req.get("gpt"):
        cfg = req["gpt"]
        ms[cfg["name"]], losses[cfg["name"]], report["gptPhases"] = gpt_case(cfg)
    if req.get("attention"):
        attention_ms, report["attention"] = attention_cases(req)
        ms.update(attention_ms)
    json.dump(
        {
            "version": torch.__version__,
            "threads": torch.get_num_threads(),
            "blas": blas_library(),
            "ms": ms,
            "losses": losses,
            **report,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
