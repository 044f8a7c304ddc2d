#!/usr/bin/python3
"""PyTorch 1.13 reference trace for examples/gpt: a small tied-embedding GPT trained and sampled.

usage: /usr/bin/python3 examples/gpt/gen-gpt-parity.py   (Debian's python3-torch)
Writes fixtures/gpt-parity.json beside this script (one thread, fixed seeds, so the output is
reproducible byte for byte).

The model is examples/gpt's GPT (nanoGPT's shape) with the same module names, so the state dict
keys are the TypeScript ones: token and position embeddings, 2 pre-LayerNorm blocks (causal
self-attention, MLP with exact GELU, residuals), a final LayerNorm and an lm head tied to the
token embedding. PyTorch 1.13 has no F.scaled_dot_product_attention, so attention is composed
as softmax(q @ k^T * scale + causal mask) @ v. Initialisation is nanoGPT's (N(0, 0.02), biases
zero, cProj N(0, 0.02 / sqrt(2 * nLayer))); the initial weights are written out, and the test
loads them rather than redrawing them.

Training: 150 steps of AdamW (betas 0.9/0.99, nanoGPT's groups: weight decay 0.1 for params with
>= 2 dims, 0 for the rest) with linear warmup then cosine decay to minLr (warmupCosine's formula),
gradient clipping at 1.0, on batches of random windows of a passage of Moby Dick (drawn here
with torch.randint and written out). Recorded: each step's lr, loss and gradient norm before
clipping, and the final weights. The learning rate stays at 3e-3: at 1e-2 this run is chaotic,
and two float32 implementations part after about 35 steps however exact each step is.

Generation: nanoGPT's generate from the final weights, for two prompts at once: crop the
context to blockSize, take the last logits / temperature, keep the top k (the rest -inf),
softmax, torch.multinomial(probs, 1), after torch.manual_seed(GEN_SEED). The context grows past
blockSize, so the crop is exercised.

Float32 values are written with 9 significant digits (they round-trip), float64 with 17.
"""
import json, math, os
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)

TEXT = (
    "Call me Ishmael. Some years ago—never mind how long precisely—having little or no money in "
    "my purse, and nothing particular to interest me on shore, I thought I would sail about a "
    "little and see the watery part of the world. It is a way I have of driving off the spleen "
    "and regulating the circulation. Whenever I find myself growing grim about the mouth; "
    "whenever it is a damp, drizzly November in my soul; whenever I find myself involuntarily "
    "pausing before coffin warehouses, and bringing up the rear of every funeral I meet; and "
    "especially whenever my hypos get such an upper hand of me, that it requires a strong moral "
    "principle to prevent me from deliberately stepping into the street, and methodically "
    "knocking people's hats off—then, I account it high time to get to sea as soon as I can."
)
CONFIG = dict(blockSize=16, nLayer=2, nHead=2, nEmbd=16, dropout=0.0, bias=True)
TRAIN = dict(steps=150, batchSize=8, lr=3e-3, minLr=3e-4, warmupSteps=10, weightDecay=0.1,
             betas=[0.9, 0.99], eps=1e-8, gradClip=1.0)
INIT_SEED, DATA_SEED, GEN_SEED = 1337, 7, 42
GENERATE = dict(prompts=["Call me ", "whenever"], maxNewTokens=24, temperature=0.8, topK=5)


def num(v, digits=9):
    v = float(v)
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return float(("%." + str(digits) + "g") % v)


def arr(t):
    t = t.detach()
    if t.dtype in (torch.int32, torch.int64):
        return {"dtype": "int32", "shape": list(t.shape), "data": t.reshape(-1).tolist()}
    return {"dtype": "float32", "shape": list(t.shape),
            "data": [num(v) for v in t.to(torch.float64).reshape(-1).tolist()]}


def state(model):
    # The tied weight once, under its first name (wte.weight), as namedParameters() lists it.
    return {k: arr(v) for k, v in model.state_dict().items() if k != "lmHead.weight"}


class CausalSelfAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.cAttn = nn.Linear(c["nEmbd"], 3 * c["nEmbd"], bias=c["bias"])
        self.cProj = nn.Linear(c["nEmbd"], c["nEmbd"], bias=c["bias"])
        self.nHead, self.nEmbd = c["nHead"], c["nEmbd"]

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.cAttn(x).split(self.nEmbd, dim=2)
        q, k, v = (z.view(b, t, self.nHead, c // self.nHead).transpose(1, 2) for z in (q, k, v))
        scores = q @ k.transpose(-2, -1) * (1.0 / math.sqrt(k.shape[-1]))
        causal = torch.ones(t, t, dtype=torch.bool).tril()
        att = F.softmax(scores.masked_fill(~causal, float("-inf")), dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(b, t, c)
        return self.cProj(y)


class MLP(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.cFc = nn.Linear(c["nEmbd"], 4 * c["nEmbd"], bias=c["bias"])
        self.cProj = nn.Linear(4 * c["nEmbd"], c["nEmbd"], bias=c["bias"])

    def forward(self, x):
        return self.cProj(F.gelu(self.cFc(x)))


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.ln1 = nn.LayerNorm(c["nEmbd"], elementwise_affine=True)
        self.attn = CausalSelfAttention(c)
        self.ln2 = nn.LayerNorm(c["nEmbd"], elementwise_affine=True)
        self.mlp = MLP(c)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.mlp(self.ln2(x))


class GPT(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.blockSize = c["blockSize"]
        self.wte = nn.Embedding(c["vocabSize"], c["nEmbd"])
        self.wpe = nn.Embedding(c["blockSize"], c["nEmbd"])
        self.h = nn.ModuleList([Block(c) for _ in range(c["nLayer"])])
        self.lnF = nn.LayerNorm(c["nEmbd"])
        self.lmHead = nn.Linear(c["nEmbd"], c["vocabSize"], bias=False)
        self.lmHead.weight = self.wte.weight
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, 0.0, 0.02)
            if isinstance(m, nn.Linear) and m.bias is not None:
                nn.init.zeros_(m.bias)
        for name, p in self.named_parameters():
            if name.endswith("cProj.weight"):
                nn.init.normal_(p, 0.0, 0.02 / math.sqrt(2 * c["nLayer"]))

    def forward(self, idx):
        t = idx.shape[1]
        x = self.wte(idx) + self.wpe(torch.arange(t))
        for block in self.h:
            x = block(x)
        return self.lmHead(self.lnF(x))


def warmup_cosine(step, peak, warmup, total, min_lr):
    if step < warmup:
        return peak * step / warmup
    if step >= total:
        return min_lr
    progress = (step - warmup) / (total - warmup)
    return min_lr + (peak - min_lr) * 0.5 * (1 + math.cos(math.pi * progress))


@torch.no_grad()
def generate(model, idx, max_new_tokens, temperature, top_k):
    for _ in range(max_new_tokens):
        idx_cond = idx if idx.shape[1] <= model.blockSize else idx[:, -model.blockSize:]
        logits = model(idx_cond)[:, -1, :] / temperature
        v, _ = torch.topk(logits, min(top_k, logits.shape[-1]))
        logits[logits < v[:, [-1]]] = float("-inf")
        probs = F.softmax(logits, dim=-1)
        idx = torch.cat((idx, torch.multinomial(probs, num_samples=1)), dim=1)
    return idx


chars = sorted(set(TEXT))
stoi = {ch: i for i, ch in enumerate(chars)}
data = torch.tensor([stoi[ch] for ch in TEXT], dtype=torch.long)
config = dict(CONFIG, vocabSize=len(chars))

torch.manual_seed(INIT_SEED)
model = GPT(config)
initial = state(model)

g = torch.Generator().manual_seed(DATA_SEED)
T, B = config["blockSize"], TRAIN["batchSize"]
starts = torch.randint(len(data) - T, (TRAIN["steps"], B), generator=g)
xs = torch.stack([torch.stack([data[i:i + T] for i in row]) for row in starts])
ys = torch.stack([torch.stack([data[i + 1:i + 1 + T] for i in row]) for row in starts])

decay = [p for p in model.parameters() if p.dim() >= 2]
no_decay = [p for p in model.parameters() if p.dim() < 2]
opt = torch.optim.AdamW([{"params": decay, "weight_decay": TRAIN["weightDecay"]},
                         {"params": no_decay, "weight_decay": 0.0}],
                        lr=TRAIN["lr"], betas=tuple(TRAIN["betas"]), eps=TRAIN["eps"])
lrs, losses, grad_norms = [], [], []
for step in range(TRAIN["steps"]):
    lr = warmup_cosine(step, TRAIN["lr"], TRAIN["warmupSteps"], TRAIN["steps"], TRAIN["minLr"])
    for group in opt.param_groups:
        group["lr"] = lr
    logits = model(xs[step])
    loss = F.cross_entropy(logits.view(-1, logits.shape[-1]), ys[step].view(-1))
    opt.zero_grad(set_to_none=True)
    loss.backward()
    norm = torch.nn.utils.clip_grad_norm_(model.parameters(), TRAIN["gradClip"])
    opt.step()
    lrs.append(lr)
    losses.append(loss.item())
    grad_norms.append(norm.item())

final = state(model)
model.eval()
prompts = torch.tensor([[stoi[ch] for ch in p] for p in GENERATE["prompts"]], dtype=torch.long)
torch.manual_seed(GEN_SEED)
out = generate(model, prompts, GENERATE["maxNewTokens"], GENERATE["temperature"], GENERATE["topK"])

fixture = {
    "torch": torch.__version__,
    "chars": "".join(chars),
    "config": config,
    "train": TRAIN,
    "seeds": {"init": INIT_SEED, "data": DATA_SEED, "generate": GEN_SEED},
    "initial": initial,
    "x": arr(xs.to(torch.int32)),
    "y": arr(ys.to(torch.int32)),
    "lrs": [num(v, 17) for v in lrs],
    "losses": [num(v) for v in losses],
    "gradNorms": [num(v) for v in grad_norms],
    "final": final,
    "generate": dict(GENERATE, prompts=arr(prompts.to(torch.int32)), tokens=arr(out.to(torch.int32)),
                     text=["".join(chars[i] for i in row) for row in out.tolist()]),
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "gpt-parity.json")
with open(path, "w") as f:
    json.dump(fixture, f, separators=(",", ":"))
    f.write("\n")
print("wrote %s: losses %.4f -> %.4f; samples %r" % (path, losses[0], losses[-1], fixture["generate"]["text"]))
