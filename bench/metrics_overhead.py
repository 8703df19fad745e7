#!/usr/bin/env python3
"""What the metrics cost: one epoch of MLP 784-100 on the 60,000 MNIST training samples, with only the
always-recorded loss and accuracy, and with f1_score and top_k_accuracy added (one on-device confusion
matrix and top-5 hits per batch, read once per epoch). Runs are interleaved (A B B A A B ...), each a
fresh `./runner run` process; the figure is train_seconds from each run's metrics.csv (the training
loop only, not start-up or the test pass). Prints every pair's ratio, their median and the machine's
load while measuring, since this machine is shared.

    bench/metrics_overhead.py [--reps 5] [--threads 1] [--runner ./runner]
"""
import argparse, csv, glob, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPERIMENT = os.path.join(ROOT, "bench", "experiments", "mlp100.yaml")
VARIANTS = {
    "loss+accuracy": "train.metrics=[accuracy]",
    "+f1_score+top_k": "train.metrics=[accuracy, f1_score, top_k_accuracy]",
}


def epoch_seconds(runner, metrics, threads, results):
    subprocess.run([runner, "run", EXPERIMENT, "--results", results, "--quiet",
                    "--set", metrics, "--set", f"train.threads={threads}"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    [path] = glob.glob(os.path.join(results, "*", "runs", "*", "metrics.csv"))
    with open(path, newline="") as f:
        return float(next(csv.DictReader(f))["train_seconds"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--runner", default=os.path.join(ROOT, "runner"))
    args = parser.parse_args()
    runner = os.path.abspath(args.runner)
    subprocess.run([runner, "validate", EXPERIMENT], check=True, stdout=subprocess.DEVNULL)  # builds once, untimed

    names = list(VARIANTS)
    seconds = {n: [] for n in names}
    loads = [os.getloadavg()[0]]
    work = tempfile.mkdtemp(prefix="metrics-overhead-")
    try:
        for rep in range(args.reps):
            order = names if rep % 2 == 0 else names[::-1]   # ABBA: neither variant always runs first
            for name in order:
                s = epoch_seconds(runner, VARIANTS[name], args.threads, os.path.join(work, f"{rep}-{names.index(name)}"))
                seconds[name].append(s)
                loads.append(os.getloadavg()[0])
                print(f"rep {rep + 1} {name:16s} train_seconds {s:7.3f}  load {loads[-1]:.1f}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    ratios = [w / b for b, w in zip(seconds[names[0]], seconds[names[1]])]
    print()
    for n in names:
        print(f"{n:16s} median {statistics.median(seconds[n]):.3f} s  ({60000 / statistics.median(seconds[n]):,.0f} samples/s)")
    print("ratio with/without per rep: " + ", ".join(f"{r:.3f}" for r in ratios))
    print(f"median ratio {statistics.median(ratios):.3f} ({(statistics.median(ratios) - 1) * 100:+.1f} %), "
          f"{args.threads} thread(s), 1-minute load {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    sys.exit(main())
