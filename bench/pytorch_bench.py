#!/usr/bin/python3
"""PyTorch contender for the Runner benchmark (issue 6).

The same three MNIST workloads as bench/HandLoop (same models, Keras-style init, Adam lr 0.001 eps 1e-7,
cross-entropy on logits, data held as tensors, batches by index_select of a seeded randperm, loss read
per batch, no_grad eval over the test set), printed as one JSON line with the same fields.

It must run under Debian's python3-torch, i.e. /usr/bin/python3. Started by another interpreter (a pyenv
python3 first on PATH), it re-executes itself under /usr/bin/python3; when torch is missing and we are
root, it installs python3-torch and libopenblas0-pthread with apt-get first.

    /usr/bin/python3 bench/pytorch_bench.py --workload mlp100 --data DIR --threads 2 --max-samples 20000
    /usr/bin/python3 bench/pytorch_bench.py --matmul --threads 2
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import time

DEBIAN_PYTHON = "/usr/bin/python3"
APT_PACKAGES = ["python3-torch", "libopenblas0-pthread"]


def ensure_debian_torch():
    """Re-exec under Debian's python3 and install python3-torch there when it is missing."""
    if os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON) and os.path.exists(DEBIAN_PYTHON):
        os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])
    try:
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    if os.geteuid() != 0:
        sys.exit("pytorch_bench: Debian's python3-torch is missing; run: apt-get install -y " + " ".join(APT_PACKAGES))
    print("pytorch_bench: installing " + " ".join(APT_PACKAGES) + " with apt-get", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = ["apt-get", "install", "-y", "-qq"] + APT_PACKAGES
    if subprocess.run(install, env=env, stdout=sys.stderr).returncode != 0:
        # A fresh machine has empty package lists until the first update.
        subprocess.run(["apt-get", "update", "-qq"], env=env, stdout=sys.stderr, check=True)
        subprocess.run(install, env=env, stdout=sys.stderr, check=True)
    os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])


ensure_debian_torch()

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

BATCH_SIZES = {"mlp100": 32, "mlp1000": 100, "cnn": 32}


# ---------------------------------------------------------------- data
def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    if raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte idx file")
    rank = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * d: 8 + 4 * d], "big") for d in range(rank)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)


def find_idx(directory, stem):
    for name in (f"{stem}-idx3-ubyte", f"{stem}-idx1-ubyte", f"{stem}.idx3-ubyte", f"{stem}.idx1-ubyte"):
        for suffix in ("", ".gz"):
            path = os.path.join(directory, name + suffix)
            if os.path.exists(path):
                return path
    raise FileNotFoundError(f"no {stem} idx file in '{directory}'")


def load_mnist(directory, train_limit):
    def images(stem, limit=None):
        a = read_idx(find_idx(directory, stem))[:limit]
        return torch.from_numpy(a.astype(np.float32) / 255.0).reshape(-1, 1, 28, 28)

    def labels(stem, limit=None):
        return torch.from_numpy(read_idx(find_idx(directory, stem))[:limit].astype(np.int64))

    return (images("train-images", train_limit), labels("train-labels", train_limit),
            images("t10k-images"), labels("t10k-labels"))


# ---------------------------------------------------------------- models
class EvenKernelSameConv(nn.Module):
    """2x2 conv with Keras 'same' padding (the extra zero row/column at the bottom/right)."""

    def __init__(self, cin, cout, mode):
        super().__init__()
        self.mode = mode
        self.conv = nn.Conv2d(cin, cout, 2, padding={"explicit": 0, "libtorch": "same", "overcompute": 1}[mode])

    def forward(self, x):
        if self.mode == "explicit":
            return self.conv(F.pad(x, (0, 1, 0, 1)))
        if self.mode == "overcompute":
            h, w = x.shape[2], x.shape[3]
            return self.conv(x)[:, :, 1:h + 1, 1:w + 1]
        return self.conv(x)


def build(workload, same_padding):
    if workload in ("mlp100", "mlp1000"):
        hidden = 100 if workload == "mlp100" else 1000
        model = nn.Sequential(nn.Flatten(), nn.Linear(784, hidden), nn.ReLU(), nn.Linear(hidden, 10))
    elif workload == "cnn":
        model = nn.Sequential(
            nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            EvenKernelSameConv(32, 64, same_padding), nn.ReLU(), nn.MaxPool2d(2),
            nn.Dropout(0.25), nn.Flatten(), nn.Linear(7 * 7 * 64, 1000), nn.ReLU(), nn.Linear(1000, 10))
    else:
        raise SystemExit(f"unknown workload '{workload}'. Known: mlp100, mlp1000, cnn")
    with torch.no_grad():  # Keras defaults: glorot_uniform weights, zero biases
        for name, p in model.named_parameters():
            nn.init.zeros_(p) if name.endswith("bias") else nn.init.xavier_uniform_(p)
    return model


def forward_macs(workload):
    return {"mlp100": [784 * 100, 100 * 10], "mlp1000": [784 * 1000, 1000 * 10],
            "cnn": [28 * 28 * 32 * 25, 14 * 14 * 64 * 4 * 32, 3136 * 1000, 1000 * 10]}[workload]


def train_flops_per_sample(workload):
    """Forward 2 MACs, weight grad 2 MACs, input grad 2 MACs except the first layer (same as HandLoop)."""
    macs = forward_macs(workload)
    return 4.0 * sum(macs) + 2.0 * sum(macs[1:])


# ---------------------------------------------------------------- measurements
def peak_rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def to_channels_last(x, enabled):
    return x.contiguous(memory_format=torch.channels_last) if enabled else x


def train_and_eval(args):
    torch.manual_seed(args.seed)
    x_train, y_train, x_test, y_test = load_mnist(args.data, args.max_samples)
    model = build(args.workload, args.same_padding)
    if args.channels_last:
        model = model.to(memory_format=torch.channels_last)
    batch = args.batch_size or BATCH_SIZES[args.workload]
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-7)
    shuffle = torch.Generator().manual_seed(args.seed)
    n = x_train.shape[0]

    model.train()
    cpu_start, start = time.process_time(), time.perf_counter()
    epoch_loss, epoch_accuracy = 0.0, None
    for _ in range(args.epochs):
        order = torch.randperm(n, generator=shuffle)
        loss_sum, batches, correct = 0.0, 0, 0
        for i in range(0, n, batch):
            index = order[i:i + batch]
            x = to_channels_last(x_train.index_select(0, index), args.channels_last)
            y = y_train.index_select(0, index)
            optimizer.zero_grad()
            logits = model(x)
            loss = F.cross_entropy(logits, y)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item()
            if args.train_accuracy:   # as Keras's fit (and the runner) report it
                correct += (logits.argmax(1) == y).sum().item()
            batches += 1
        epoch_loss = loss_sum / batches
        epoch_accuracy = correct / n if args.train_accuracy else None
    train_seconds = time.perf_counter() - start
    train_cpu_seconds = time.process_time() - cpu_start

    model.eval()
    correct = 0
    start = time.perf_counter()
    with torch.no_grad():
        for i in range(0, x_test.shape[0], batch):
            x = to_channels_last(x_test[i:i + batch], args.channels_last)
            correct += (model(x).argmax(1) == y_test[i:i + batch]).sum().item()
    eval_seconds = time.perf_counter() - start

    variant = []
    if args.workload == "cnn":
        variant.append(f"pad={args.same_padding}")
    if args.channels_last:
        variant.append("channels_last")
    train_rate = n * args.epochs / train_seconds
    return {
        "contender": "pytorch", "workload": args.workload, "variant": ",".join(variant) or "default",
        "threads": torch.get_num_threads(), "batch_size": batch, "epochs": args.epochs,
        "train_samples": n * args.epochs, "train_seconds": round(train_seconds, 4),
        "train_samples_per_s": round(train_rate, 1), "train_cpu_seconds": round(train_cpu_seconds, 4),
        "train_samples_per_cpu_s": round(n * args.epochs / train_cpu_seconds, 1),
        "eval_samples_per_s": round(x_test.shape[0] / eval_seconds, 1),
        "train_gflops": round(train_rate * train_flops_per_sample(args.workload) / 1e9, 2),
        "peak_rss_mib": round(peak_rss_mib(), 1), "loss": round(epoch_loss, 5), "train_accuracy": epoch_accuracy,
        "accuracy": round(correct / x_test.shape[0], 4), "torch_version": torch.__version__,
        "mkldnn_enabled": torch.backends.mkldnn.enabled,
    }


def matmul(args):
    torch.manual_seed(args.seed)
    a, b = torch.rand(args.matmul_size, args.matmul_size), torch.rand(args.matmul_size, args.matmul_size)
    torch.mm(a, b)
    rates = []
    for _ in range(args.matmul_repeats):
        start = time.perf_counter()
        torch.mm(a, b)
        rates.append(2.0 * args.matmul_size ** 3 / (time.perf_counter() - start) / 1e9)
    rates.sort()
    return {"mode": "matmul", "contender": "pytorch", "size": args.matmul_size, "threads": torch.get_num_threads(),
            "gflops_best": round(rates[-1], 2), "gflops_median": round(rates[len(rates) // 2], 2)}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workload", "-w", default="mlp100")
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--threads", type=int, default=0, help="0 = torch's default")
    p.add_argument("--max-samples", type=int)
    p.add_argument("--batch-size", type=int)
    p.add_argument("--data")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--same-padding", choices=["explicit", "libtorch", "overcompute"], default="explicit")
    p.add_argument("--channels-last", action="store_true")
    p.add_argument("--no-train-accuracy", dest="train_accuracy", action="store_false",
                   help="skip counting correct predictions during training")
    p.add_argument("--mkldnn", choices=["on", "off"])
    p.add_argument("--matmul", action="store_true")
    p.add_argument("--matmul-size", type=int, default=4096)
    p.add_argument("--matmul-repeats", type=int, default=5)
    p.add_argument("--info", action="store_true", help="print torch's build config and parallel settings")
    args = p.parse_args()

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    if args.mkldnn:
        torch.backends.mkldnn.enabled = args.mkldnn == "on"
    if args.info:
        result = {"mode": "info", "torch_version": torch.__version__, "threads": torch.get_num_threads(),
                  "mkldnn_available": torch.backends.mkldnn.is_available(),
                  "parallel": torch.__config__.parallel_info(), "config": torch.__config__.show()}
    elif args.matmul:
        result = matmul(args)
    else:
        if not args.data:
            p.error("--data DIR is required")
        result = train_and_eval(args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
