#!/usr/bin/env python3
"""What the metrics cost: one epoch of MLP 784-100 (batch 32) on the 60,000 MNIST training samples, with
only the always-recorded loss and accuracy, and with f1_score and top_k_accuracy added (Runner's
EpochTally: every batch's output copied into a buffer on the device, folded into one confusion matrix
and the top-5 hits at the epoch's end). Interleaved A B B A A B ..., a fresh process each time.

First one HandLoop process whose epochs alternate without / with the tally (epochs 3.. paired; the most
precise: same process, same JIT state, same neighbours). Then two interleaved measurements of a warm epoch (the first also pays the JIT: Runner and HandLoop run
with tiered compilation off, so each method is compiled fully on its first call):
  handloop  bench/HandLoop --metrics (the hand-written loop with Runner's tally, exactly as the trainer
            feeds it), compared on the epoch's CPU seconds: on a shared machine the CPU time a
            single-threaded process spends is the work done, less disturbed by the load than wall time.
  runner    `./runner run bench/experiments/mlp100.yaml --set train.epochs=4`, compared on the last
            epoch's train_seconds (wall) from metrics.csv: the real thing, but its wall time swings with the load
            and from process to process.

Prints every pair's ratio (with / without), their median and the load while measuring.

    bench/metrics_overhead.py [--reps 5] [--threads 1] [--runner ./runner] [--data ~/.cache/runner/datasets/mnist] [--only handloop|runner]
"""
import argparse, csv, glob, json, os, shutil, statistics, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPERIMENT = os.path.join(ROOT, "bench", "experiments", "mlp100.yaml")
HANDLOOP = os.path.join(ROOT, "bench", "HandLoop")
METRICS = "f1_score,top_k_accuracy"
RUNNER_EPOCHS = 4   # the last is measured: a process's first two epochs still pay one-off costs (JIT, first allocations)
ENV = dict(os.environ, OMP_WAIT_POLICY="PASSIVE")


def runner_epoch(runner, with_metrics, threads, results):
    metrics = f"train.metrics=[accuracy, {METRICS.replace(',', ', ')}]" if with_metrics else "train.metrics=[accuracy]"
    subprocess.run([runner, "run", EXPERIMENT, "--results", results, "--quiet", "--set", metrics, "--set", f"train.threads={threads}",
                    "--set", f"train.epochs={RUNNER_EPOCHS}"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    [path] = glob.glob(os.path.join(results, "*", "runs", "*", "metrics.csv"))
    with open(path, newline="") as f:
        return float(list(csv.DictReader(f))[-1]["train_seconds"])


def handloop_epoch(dll, data, with_metrics, threads):
    args = ["dotnet", dll, "--workload", "mlp100", "--data", data, "--threads", str(threads), "--optimizer", "fused", "--epochs", "2"]
    out = subprocess.run(args + (["--metrics", METRICS] if with_metrics else []), check=True, capture_output=True, text=True, env=ENV).stdout
    return json.loads(out.strip().splitlines()[-1])["epoch_cpu_seconds"][-1]


def alternating(dll, data, threads, epochs):
    """One process, epochs alternating without / with the tally: the same JIT state, memory and neighbours."""
    args = ["dotnet", dll, "--workload", "mlp100", "--data", data, "--threads", str(threads), "--optimizer", "fused",
            "--epochs", str(epochs), "--metrics", METRICS, "--metrics-every-other-epoch"]
    load = os.getloadavg()[0]
    cpu = json.loads(subprocess.run(args, check=True, capture_output=True, text=True, env=ENV).stdout.strip().splitlines()[-1])["epoch_cpu_seconds"]
    pairs = [(cpu[i], cpu[i + 1]) for i in range(2, len(cpu) - 1, 2)]   # epochs 1-2 pay the JIT
    ratios = [w / b for b, w in pairs]
    print(f"handloop, one process, epochs alternating (CPU s): without {', '.join(f'{b:.3f}' for b, _ in pairs)}; "
          f"with {', '.join(f'{w:.3f}' for _, w in pairs)}; ratio per pair {', '.join(f'{r:.3f}' for r in ratios)}; "
          f"median ratio {statistics.median(ratios):.3f} ({(statistics.median(ratios) - 1) * 100:+.1f} %); "
          f"1-minute load {min(load, os.getloadavg()[0]):.1f}-{max(load, os.getloadavg()[0]):.1f} on {os.cpu_count()} cores\n", flush=True)


def measure(name, reps, epoch):
    seconds = {False: [], True: []}
    loads = [os.getloadavg()[0]]
    for rep in range(reps):
        for with_metrics in ((False, True) if rep % 2 == 0 else (True, False)):   # ABBA: neither always runs first
            s = epoch(with_metrics, rep)
            seconds[with_metrics].append(s)
            loads.append(os.getloadavg()[0])
            print(f"{name} rep {rep + 1} {'+' + METRICS if with_metrics else 'loss+accuracy':30s} {s:7.3f} s  load {loads[-1]:.1f}", flush=True)
    ratios = [w / b for b, w in zip(seconds[False], seconds[True])]
    print(f"{name}: without {statistics.median(seconds[False]):.3f} s, with {statistics.median(seconds[True]):.3f} s (medians); "
          f"ratio per rep {', '.join(f'{r:.3f}' for r in ratios)}; median ratio {statistics.median(ratios):.3f} "
          f"({(statistics.median(ratios) - 1) * 100:+.1f} %); 1-minute load {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores\n", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--runner", default=os.path.join(ROOT, "runner"))
    parser.add_argument("--data", default=os.path.join(os.path.expanduser("~"), ".cache", "runner", "datasets", "mnist"))
    parser.add_argument("--only", choices=["handloop", "runner", "alternating"])
    args = parser.parse_args()

    if args.only != "runner":
        subprocess.run(["dotnet", "build", os.path.join(HANDLOOP, "HandLoop.csproj"), "-c", "Release", "-nologo", "-v", "quiet"],
                       check=True, stdout=subprocess.DEVNULL)
        [dll] = glob.glob(os.path.join(HANDLOOP, "bin", "Release", "*", "HandLoop.dll"))
        alternating(dll, args.data, args.threads, 2 + 2 * max(args.reps, 2))
        if args.only == "alternating":
            return
        measure("handloop (train CPU s)", args.reps, lambda m, _: handloop_epoch(dll, args.data, m, args.threads))
    if args.only not in ("handloop", "alternating"):
        runner = os.path.abspath(args.runner)
        subprocess.run([runner, "validate", EXPERIMENT], check=True, stdout=subprocess.DEVNULL)  # builds once, untimed
        work = tempfile.mkdtemp(prefix="metrics-overhead-")
        try:
            measure("runner (train wall s)", args.reps,
                    lambda m, rep: runner_epoch(runner, m, args.threads, os.path.join(work, f"{rep}-{int(m)}")))
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
