#!/usr/bin/python3
"""The README's sweep in PyTorch (issue 21's sweep-level row): experiments/optimizers.yaml's 18 runs, trained
one after another in one process, as a user's own loop would train them.

Fashion-MNIST with 20 % held out for validation, MLP 784-100-10 (Keras init: glorot_uniform weights, zero
biases), sgd / rmsprop / adam with Keras's defaults x sigmoid / relu x seeds 1-3, 5 epochs of batch 32,
shuffled every epoch; per batch the loss and the correct count are read (as Keras's fit and the runner
do), each epoch ends with a validation pass and a metrics.csv row, each run with a test pass. No
checkpoints. Prints one JSON line: the wall time of the whole sweep, the threads, the runs.

    /usr/bin/python3 bench/pytorch_sweep.py --data ~/.cache/runner/datasets/fashion_mnist --threads 1
    /usr/bin/python3 bench/pytorch_sweep.py --data DIR --threads 2 --runs 1 --epochs 1   (a probe)
"""
import argparse
import csv
import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_bench import find_idx, read_idx  # noqa: E402  (re-executes under Debian's python3 with torch)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

OPTIMIZERS = {   # Keras's defaults (epsilon 1e-7 throughout, RMSprop's rho 0.9)
    "sgd": lambda p: torch.optim.SGD(p, lr=0.01),
    "rmsprop": lambda p: torch.optim.RMSprop(p, lr=0.001, alpha=0.9, eps=1e-7),
    "adam": lambda p: torch.optim.Adam(p, lr=0.001, betas=(0.9, 0.999), eps=1e-7),
}
ACTIVATIONS = {"sigmoid": nn.Sigmoid, "relu": nn.ReLU}


def load(directory, validation_split=0.2, split_seed=42):
    def images(stem):
        return torch.from_numpy(read_idx(find_idx(directory, stem)).astype(np.float32) / 255.0).reshape(-1, 784)

    def labels(stem):
        return torch.from_numpy(read_idx(find_idx(directory, stem)).astype(np.int64))

    x, y = images("train-images"), labels("train-labels")
    order = torch.randperm(x.shape[0], generator=torch.Generator().manual_seed(split_seed))
    held = int(x.shape[0] * validation_split)
    train, val = order[held:], order[:held]
    return x[train], y[train], x[val], y[val], images("t10k-images"), labels("t10k-labels")


def build(activation):
    model = nn.Sequential(nn.Linear(784, 100), ACTIVATIONS[activation](), nn.Linear(100, 10))
    with torch.no_grad():
        for name, p in model.named_parameters():
            nn.init.zeros_(p) if name.endswith("bias") else nn.init.xavier_uniform_(p)
    return model


def evaluate(model, x, y, batch=1000):
    model.eval()
    loss_sum, correct = 0.0, 0
    with torch.no_grad():
        for i in range(0, x.shape[0], batch):
            logits = model(x[i:i + batch])
            loss_sum += F.cross_entropy(logits, y[i:i + batch], reduction="sum").item()
            correct += (logits.argmax(1) == y[i:i + batch]).sum().item()
    model.train()
    return loss_sum / x.shape[0], correct / x.shape[0]


def train_run(data, optimizer, activation, seed, epochs, batch, out):
    x, y, vx, vy, tx, ty = data
    torch.manual_seed(seed)
    model = build(activation)
    step = OPTIMIZERS[optimizer](model.parameters())
    shuffle = torch.Generator().manual_seed(seed)
    n = x.shape[0]
    with open(out, "w", newline="") as f:
        rows = csv.writer(f)
        rows.writerow(["epoch", "loss", "accuracy", "val_loss", "val_accuracy"])
        for epoch in range(1, epochs + 1):
            order = torch.randperm(n, generator=shuffle)
            loss_sum, correct = 0.0, 0
            for i in range(0, n, batch):
                index = order[i:i + batch]
                xb, yb = x.index_select(0, index), y.index_select(0, index)
                step.zero_grad()
                logits = model(xb)
                loss = F.cross_entropy(logits, yb)
                loss.backward()
                step.step()
                loss_sum += loss.item() * yb.shape[0]
                correct += (logits.argmax(1) == yb).sum().item()
            val_loss, val_accuracy = evaluate(model, vx, vy)
            rows.writerow([epoch, loss_sum / n, correct / n, val_loss, val_accuracy])
    return {"run": f"optimizer={optimizer},activation={activation},seed={seed}", "val_accuracy": val_accuracy,
            "test_accuracy": evaluate(model, tx, ty)[1]}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="a folder with Fashion-MNIST's four idx files")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--runs", type=int, default=18, help="the first N runs of the sweep (a probe: 1)")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    start = time.perf_counter()
    data = load(args.data)
    plan = [(o, a, s) for o in OPTIMIZERS for a in ACTIVATIONS for s in (1, 2, 3)][:args.runs]
    with tempfile.TemporaryDirectory(prefix="pytorch-sweep-") as out:
        runs = [train_run(data, o, a, s, args.epochs, 32, os.path.join(out, f"{i}.csv")) for i, (o, a, s) in enumerate(plan)]
    wall = time.perf_counter() - start
    print(json.dumps({"wall": wall, "threads": args.threads, "runs": len(runs), "epochs": args.epochs,
                      "train_samples": len(runs) * args.epochs * data[0].shape[0], "results": runs}))


if __name__ == "__main__":
    main()
