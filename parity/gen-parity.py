#!/usr/bin/python3
"""PyTorch 1.13 reference traces for torchlet's parity tests.

Writes two files beside this script (or into OUTDIR when given):

  ops.json    27 op cases (activations, linear, layer_norm, matmul, broadcasting ops, reductions,
              SwiGLU FFN, losses, embedding): inputs, the upstream gradient, the output and the
              gradient of every input.
  train.json  the README article's complete training loop (Net 16 -> 64 -> 64 -> 4 with LayerNorm
              and GELU, AdamW, clip_grad_norm_, warmup + cosine lr, 500 steps of batch 32): data,
              initial weights, every batch's indices, lr, loss and gradient norm, the eval rows,
              the final weights, and the same run in float64 (`losses64`) as a drift bound.

Arrays are {"shape": [...], "data": [...]}: flat, row-major, float32 values widened to float64.

Rerun (from the repository root, on Debian or Ubuntu):

  apt-get install python3-torch          # PyTorch 1.13 with Debian's OpenBLAS
  /usr/bin/python3 parity/gen-parity.py  # seed 42 is baked in; ~3 s

The script pins what changes the last bits of float32 results: one thread (intra-op and BLAS),
and OpenBLAS's Sandybridge kernels (OPENBLAS_CORETYPE; the auto-detected kernel varies with the
CPU, and its gemm rounds differently). With those, the output is byte-identical on any x86-64
machine. With another BLAS the numbers can move by a float32 ulp, far inside the tests'
tolerances, but the files will not be byte-identical; the script says so when it happens.
"""
import os

# Read by OpenMP and OpenBLAS when torch loads them, so set before `import torch`.
os.environ["OMP_NUM_THREADS"] = "1"
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OPENBLAS_CORETYPE"] = "Sandybridge"

import ctypes
import json
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 42
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))


def blas_core():
    """The OpenBLAS kernel torch's BLAS runs on, or None when the BLAS is not OpenBLAS."""
    try:
        blas = ctypes.CDLL("libblas.so.3")
        blas.openblas_get_corename.restype = ctypes.c_char_p
        return blas.openblas_get_corename().decode()
    except (OSError, AttributeError):
        return None


def floats(t):
    t = t.detach().to(torch.float64)
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def ints(t):
    return {"shape": list(t.shape), "data": [int(v) for v in t.reshape(-1).tolist()]}


# ---- ops.json ----------------------------------------------------------------------------------
# The order of every random draw below is part of the fixture: reordering changes the numbers.


def op_case(name, inputs, fn, int_inputs=(), attrs=None):
    """Runs fn on fresh leaf copies of inputs, then backward from a random upstream gradient."""
    leaves = [x.clone().requires_grad_(True) for x in inputs]
    y = fn(*leaves)
    upstream = torch.randn_like(y)
    (y * upstream).sum().backward()
    return {
        "name": name,
        "attrs": attrs or {},
        "inputs": [floats(x) for x in inputs],
        "ints": [ints(i) for i in int_inputs],
        "output": floats(y),
        "upstream": floats(upstream),
        "grads": [floats(x.grad) for x in leaves],
    }


def op_cases():
    torch.manual_seed(SEED)
    cases = []
    add = lambda *args, **kwargs: cases.append(op_case(*args, **kwargs))
    B, T, D, H = 3, 5, 8, 12

    x = torch.randn(B, T, D)
    add("relu", [x], F.relu)
    add("gelu", [x], F.gelu)
    add("gelu_tanh", [x], lambda a: F.gelu(a, approximate="tanh"))
    add("silu", [x], F.silu)
    add("sigmoid", [x], torch.sigmoid)
    add("tanh", [x], torch.tanh)
    add("softmax_last", [x], lambda a: F.softmax(a, dim=-1))
    add("log_softmax_last", [x], lambda a: F.log_softmax(a, dim=-1))

    w = torch.randn(H, D) * 0.3
    b = torch.randn(H) * 0.1
    add("linear", [x, w, b], F.linear)
    add("linear_nobias", [x, w], lambda a, w_: F.linear(a, w_))
    ln_w = torch.randn(D) * 0.5 + 1
    ln_b = torch.randn(D) * 0.1
    add("layer_norm", [x, ln_w, ln_b], lambda a, w_, b_: F.layer_norm(a, (D,), w_, b_, 1e-5))

    a3 = torch.randn(B, T, D)
    b3 = torch.randn(B, D, H)
    add("bmm", [a3, b3], torch.matmul)
    add("matmul_broadcast", [a3, torch.randn(D, H)], torch.matmul)
    p = torch.randn(T, D)
    q = torch.randn(B, 1, D)
    add("add_broadcast", [p, q], torch.add)
    add("mul_broadcast", [p, q], torch.mul)
    add("div_broadcast", [p, q.abs() + 0.5], torch.div)
    add("sum_axis1_keepdim", [x], lambda a: a.sum(dim=1, keepdim=True))
    add("mean_last", [x], lambda a: a.mean(dim=-1))
    add("transpose_matmul", [a3], lambda a: a @ a.transpose(-1, -2))
    add("pow2_scale_neg", [x], lambda a: -(3 * a**2))

    # SwiGLU feed-forward, bias-free: w2(silu(w1 x) * w3 x) with hidden = int(2/3 * 4 * D).
    hidden = int(2 / 3 * 4 * D)
    w1 = torch.randn(hidden, D) * 0.2
    w2 = torch.randn(D, hidden) * 0.2
    w3 = torch.randn(hidden, D) * 0.2
    swiglu = lambda a, w1_, w2_, w3_: F.linear(F.silu(F.linear(a, w1_)) * F.linear(a, w3_), w2_)
    add("swiglu_ffn", [x, w1, w2, w3], swiglu, attrs={"hidden": hidden})

    # Losses are reshaped to [1] so that every case has a tensor output.
    logits = torch.randn(7, 4) * 2
    target = torch.randint(0, 4, (7,))
    add("cross_entropy", [logits], lambda l: F.cross_entropy(l, target).reshape(1), [target])
    smooth = lambda l: F.cross_entropy(l, target, label_smoothing=0.1).reshape(1)
    add("cross_entropy_smooth", [logits], smooth, [target], {"labelSmoothing": 0.1})
    ignored = target.clone()
    ignored[2] = -100
    ignore = lambda l: F.cross_entropy(l, ignored, ignore_index=-100).reshape(1)
    add("cross_entropy_ignore", [logits], ignore, [ignored], {"ignoreIndex": -100})
    add("mse", [logits, torch.randn(7, 4)], lambda a, b_: F.mse_loss(a, b_).reshape(1))
    bce = lambda a, b_: F.binary_cross_entropy_with_logits(a, b_).reshape(1)
    add("bce_with_logits", [logits, torch.rand(7, 4)], bce)

    # Embedding: the gradient lands only on the rows used (row 1 and 3 twice).
    table = torch.randn(10, D)
    ids = torch.tensor([[1, 3, 3], [7, 0, 1]])
    add("embedding", [table], lambda e: F.embedding(ids, e), [ids])
    return cases


# ---- train.json --------------------------------------------------------------------------------

CONFIG = {"inDim": 16, "hidden": 64, "classes": 4, "batch": 32, "steps": 500, "warmup": 50,
          "lr": 3e-4, "betas": [0.9, 0.999], "eps": 1e-8, "weightDecay": 0.01, "clip": 1.0}


class Net(nn.Module):
    """The article's network; parameters register as fc1, fc2, fc3, ln1, ln2."""

    def __init__(self, in_dim, hidden, out_dim):
        super().__init__()
        self.fc1 = nn.Linear(in_dim, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.fc3 = nn.Linear(hidden, out_dim)
        self.ln1 = nn.LayerNorm(hidden)
        self.ln2 = nn.LayerNorm(hidden)

    def forward(self, x):
        x = F.gelu(self.ln1(self.fc1(x)))
        x = F.gelu(self.ln2(self.fc2(x)))
        return self.fc3(x)


def lr_at(step):
    """Linear warmup from 0, then cosine decay to 0 at the last step."""
    c = CONFIG
    if step < c["warmup"]:
        return c["lr"] * step / c["warmup"]
    progress = (step - c["warmup"]) / (c["steps"] - c["warmup"])
    return c["lr"] * 0.5 * (1 + math.cos(math.pi * progress))


def train(dtype):
    """The training loop in dtype, from the same data and initial weights (drawn in float32)."""
    c = CONFIG
    torch.manual_seed(SEED + 1)
    # Labels from a random linear teacher plus noise, so that learning is visible.
    train_x = torch.randn(1000, c["inDim"])
    teacher = torch.randn(c["inDim"], c["classes"])
    train_y = (train_x @ teacher + 0.5 * torch.randn(1000, c["classes"])).argmax(1)
    val_x = torch.randn(200, c["inDim"])
    val_y = (val_x @ teacher + 0.5 * torch.randn(200, c["classes"])).argmax(1)
    model = Net(c["inDim"], c["hidden"], c["classes"])
    init = {k: v.clone() for k, v in model.state_dict().items()}

    model = model.to(dtype)
    tx, vx = train_x.to(dtype), val_x.to(dtype)
    opt = torch.optim.AdamW(model.parameters(), lr=c["lr"], betas=tuple(c["betas"]),
                            eps=c["eps"], weight_decay=c["weightDecay"])
    batches_rng = torch.Generator().manual_seed(SEED + 2)
    run = {"batches": [], "lrs": [], "losses": [], "gradNorms": [], "evals": []}
    for step in range(c["steps"]):
        lr = lr_at(step)
        for group in opt.param_groups:
            group["lr"] = lr
        idx = torch.randint(1000, (c["batch"],), generator=batches_rng)
        model.train()
        loss = F.cross_entropy(model(tx[idx]), train_y[idx])
        opt.zero_grad()
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), c["clip"])
        opt.step()
        run["batches"].append([int(i) for i in idx])
        run["lrs"].append(lr)
        run["losses"].append(float(loss))
        run["gradNorms"].append(float(norm))
        if step % 100 == 0 or step == c["steps"] - 1:
            model.eval()
            with torch.no_grad():
                val_logits = model(vx)
                run["evals"].append({
                    "step": step,
                    "valLoss": float(F.cross_entropy(val_logits, val_y)),
                    "valAcc": float((val_logits.argmax(1) == val_y).float().mean()),
                })
    run.update(train_x=train_x, train_y=train_y, val_x=val_x, val_y=val_y, init=init,
               final={k: v.to(torch.float32) for k, v in model.state_dict().items()})
    return run


def main():
    torch.set_num_threads(1)
    os.makedirs(OUT, exist_ok=True)
    core = blas_core()
    if core != "Sandybridge":
        print(f"warning: BLAS kernel is {core or 'not OpenBLAS'}, not OpenBLAS Sandybridge: "
              "float32 results may differ from the committed files in the last bit", file=sys.stderr)

    cases = op_cases()
    with open(os.path.join(OUT, "ops.json"), "w") as f:
        json.dump({"seed": SEED, "torch": torch.__version__, "cases": cases}, f)

    r32, r64 = train(torch.float32), train(torch.float64)
    drift = max(abs(a - b) / max(abs(b), 1e-12) for a, b in zip(r32["losses"], r64["losses"]))
    trace = {
        "seed": SEED,
        "torch": torch.__version__,
        "config": CONFIG,
        "trainX": floats(r32["train_x"]),
        "trainY": ints(r32["train_y"]),
        "valX": floats(r32["val_x"]),
        "valY": ints(r32["val_y"]),
        "init": {k: floats(v) for k, v in r32["init"].items()},
        "batches": r32["batches"],
        "lrs": r32["lrs"],
        "losses": r32["losses"],
        "gradNorms": r32["gradNorms"],
        "evals": r32["evals"],
        "final": {k: floats(v) for k, v in r32["final"].items()},
        "losses64": r64["losses"],
        "maxRelDrift32vs64": drift,
    }
    with open(os.path.join(OUT, "train.json"), "w") as f:
        json.dump(trace, f)
    print(f"wrote {OUT}: {len(cases)} op cases; loss {r32['losses'][0]:.4f} -> "
          f"{r32['losses'][-1]:.4f}; last eval {r32['evals'][-1]}; "
          f"float32 vs float64 max relative loss drift {drift:.2e}")


if __name__ == "__main__":
    main()
