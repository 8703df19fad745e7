#!/usr/bin/python3
"""The main sweep end to end in each mode (issue 21): bench/run.sh --sweep-speed [--reps N] [--pytorch] [--main].

Every mode runs `./runner run` on a fresh results folder (the build and the dataset fetch happen before
timing), interleaved, median of --reps:

    readme          ./runner run experiments/optimizers.yaml            (the README's command, as written)
    jobs1           ... --jobs 1                                        (one run at a time, fusing as auto)
    unfused         ... --set train.fuse=off                            (the same parallelism, no fused arrays)
    fused           ... --set train.fuse=auto
    serial          ... --jobs 1 --set train.threads=1 --set train.fuse=off   (one run at a time, one thread)

and, to show that the automatic plan never makes larger models slower, small sweeps of MLP 784-1000 and
of the CNN with no flags against `--jobs 1` (one run at a time, the default before parallel-by-default).

For each: wall time (the median of --reps, each repetition's beside it), training samples per wall second,
the share of the sweep's multiply floor (its training FLOPs, counted analytically as bench/README.md
describes, over the matmul rate measured now by bench/HandLoop --matmul, so the ratio means the same on
any machine), and the machine's 1-minute load average as each repetition started. --pytorch adds the same
18 runs trained by Debian's PyTorch one after another (bench/pytorch_sweep.py) with its better threading
(1 or 2 threads, PASSIVE; a one-epoch probe of each decides), interleaved with the other modes. --main
runs only the README's command, `serial`, `unfused`, `fused` and PyTorch: the rows the targets need.
Writes bench/results/sweep-speed-latest.md.
"""
import argparse
import csv
import glob
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import driver  # noqa: E402  (the shared process, MNIST and FLOP helpers)

BENCH, ROOT = driver.BENCH, driver.ROOT
MAIN = os.path.join(ROOT, "experiments", "optimizers.yaml")
MODES = [
    ("readme", MAIN, []),
    ("jobs1", MAIN, ["--jobs", "1"]),
    ("unfused", MAIN, ["--set", "train.fuse=off"]),
    ("fused", MAIN, ["--set", "train.fuse=auto"]),
    ("serial", MAIN, ["--jobs", "1", "--set", "train.threads=1", "--set", "train.fuse=off"]),
    ("mlp1000 auto", os.path.join(BENCH, "experiments", "mlp1000_sweep.yaml"), []),
    ("mlp1000 jobs1", os.path.join(BENCH, "experiments", "mlp1000_sweep.yaml"), ["--jobs", "1"]),
    ("cnn auto", os.path.join(BENCH, "experiments", "cnn_sweep.yaml"), []),
    ("cnn jobs1", os.path.join(BENCH, "experiments", "cnn_sweep.yaml"), ["--jobs", "1"]),
]
WORKLOAD = {MAIN: "mlp100"}
WORKLOAD.update({path: name.split()[0] for name, path, _ in MODES if path != MAIN})
# Training samples per epoch: Fashion-MNIST's 60,000 less the 20 % validation split; the bench sweeps'
# train_limit (they have no validation split).
TRAIN_SAMPLES = {MAIN: 48_000, MODES[5][1]: 60_000, MODES[7][1]: 3_000}
# (numerator, denominator, target): "numerator is at least target x faster than denominator".
TARGETS = [("serial", "readme", 2.7), ("unfused", "fused", 1.3), ("mlp1000 jobs1", "mlp1000 auto", 1.0),
           ("cnn jobs1", "cnn auto", 1.0)]


def trained_samples(results, per_epoch):
    """Training samples the sweep went through: every run's recorded epochs x the training-set size."""
    total = 0
    for metrics in glob.glob(os.path.join(results, "*", "runs", "*", "metrics.csv")):
        with open(metrics, newline="") as f:
            total += len(list(csv.DictReader(f))) * per_epoch
    return total


def run_mode(runner, name, yaml, extra):
    results = tempfile.mkdtemp(prefix="bench-sweep-speed-")
    load = os.getloadavg()[0]
    try:
        code, out, err, wall, rss, other = driver.run_measured(
            [runner, "run", yaml, "--results", results] + extra, timeout=3600)
        if code != 0:
            return {"mode": name, "note": "n/a: " + driver.first_line(err or out, f"exit {code}")}
        samples = trained_samples(results, TRAIN_SAMPLES[yaml])
        return {"mode": name, "wall": wall, "samples": samples, "rss": rss, "other": other, "load": load, "note": ""}
    finally:
        shutil.rmtree(results, ignore_errors=True)


PYTORCH_SWEEP = ["/usr/bin/python3", os.path.join(BENCH, "pytorch_sweep.py")]
PYTORCH_ENV = dict(driver.CHILD_ENV, OMP_WAIT_POLICY="PASSIVE")


def locate_fashion_mnist():
    """The runner's Fashion-MNIST cache, filled by the untimed warm-up run."""
    env = os.environ.get("RUNNER_DATA")
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    for d in ([os.path.join(env, "fashion_mnist")] if env else []) + [os.path.join(cache, "runner", "datasets", "fashion_mnist")]:
        if os.path.exists(os.path.join(d, "train-images-idx3-ubyte")):
            return d
    sys.exit("sweep_speed: Fashion-MNIST is not in the runner's cache (the warm-up run should have fetched it)")


def pytorch_threads(data):
    """PyTorch's better thread count for this sweep: one epoch of one run at 1 and at 2 threads."""
    best = None
    for threads in (1, 2):
        code, out, err, wall, *_ = driver.run_measured(PYTORCH_SWEEP + [
            "--data", data, "--threads", str(threads), "--runs", "1", "--epochs", "1"], env=PYTORCH_ENV)
        if code != 0:
            sys.exit("sweep_speed: bench/pytorch_sweep.py failed: " + driver.first_line(err or out, f"exit {code}"))
        driver.log(f"pytorch probe, {threads} thread(s): {wall:.1f} s")
        if best is None or wall < best[1]:
            best = (threads, wall)
    return best[0]


def run_pytorch(name, data, threads):
    """The 18 runs in PyTorch, one after another in one process (its wall time includes its start-up)."""
    load = os.getloadavg()[0]
    code, out, err, wall, rss, other = driver.run_measured(PYTORCH_SWEEP + ["--data", data, "--threads", str(threads)],
                                                           env=PYTORCH_ENV, timeout=3600)
    if code != 0:
        return {"mode": name, "note": "n/a: " + driver.first_line(err or out, f"exit {code}")}
    samples = json.loads(out.strip().splitlines()[-1])["train_samples"]
    return {"mode": name, "wall": wall, "samples": samples, "rss": rss, "other": other, "load": load, "note": ""}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--reps", type=int, default=1)
    p.add_argument("--pytorch", action="store_true", help="add the same 18 runs in PyTorch, one after another")
    p.add_argument("--main", action="store_true", help="only the modes the targets need: readme, unfused, fused, serial (and pytorch)")
    p.add_argument("--runner", help="the runner executable (default ./runner)")
    p.add_argument("--only", nargs="*", help="mode names to run (default all)")
    p.add_argument("--out", default=os.path.join(BENCH, "results"))
    args = p.parse_args()
    runner = args.runner or os.path.join(ROOT, "runner")

    driver.log("building the runner and validating the experiments (not timed)")
    code, out, err, *_ = driver.run_measured([runner, "validate", MAIN] + sorted({m[1] for m in MODES}), timeout=900)
    if code != 0:
        sys.exit("sweep_speed: runner validate failed: " + driver.first_line(err or out, f"exit {code}"))
    # The dataset fetch is not timed either: one tiny run of each dataset first.
    for path in sorted({m[1] for m in MODES}):
        warm = tempfile.mkdtemp(prefix="bench-warm-")
        driver.run_measured([runner, "run", path, "--results", warm, "--set", "train.epochs=1",
                             "--set", "data.train_limit=64", "--set", "data.test_limit=64", "--max-runs", "1000"])
        shutil.rmtree(warm, ignore_errors=True)

    matmul, _ = driver.measure_matmul(argparse.Namespace(threads=os.cpu_count() or 1, matmul_size=4096))
    peak = matmul["gflops_best"] if matmul else None
    driver.log(f"matmul peak: {peak} GFLOP/s")

    main_modes = ("readme", "unfused", "fused", "serial")
    modes = [m for m in MODES if (not args.only or m[0] in args.only) and (not args.main or m[0] in main_modes)]
    if args.pytorch:
        data = locate_fashion_mnist()
        threads = pytorch_threads(data)
        pytorch = f"pytorch, 18 runs one after another ({threads} thread{'s' if threads > 1 else ''})"
        modes.append((pytorch, None, threads))
    measured = {name: [] for name, _, _ in modes}
    for rep in range(args.reps):
        order = modes[rep % len(modes):] + modes[:rep % len(modes)]   # rotate: no mode always follows another
        for name, yaml, extra in order:
            driver.log(f"rep {rep + 1}: {name} (load average {os.getloadavg()[0]:.2f})")
            measured[name].append(run_pytorch(name, data, extra) if yaml is None else run_mode(runner, name, yaml, extra))

    rows = []
    for name, yaml, _ in modes:
        ok = [r for r in measured[name] if not r["note"]]
        if not ok:
            rows.append(measured[name][0])
            continue
        wall = statistics.median(r["wall"] for r in ok)
        samples = ok[0]["samples"]
        flops = samples * driver.train_flops_per_sample(WORKLOAD.get(yaml, "mlp100"))
        rows.append({"mode": name, "wall": wall, "walls": [r["wall"] for r in ok], "samples": samples,
                     "rss": max(r["rss"] for r in ok), "other": statistics.median(r["other"] for r in ok),
                     "loads": [r["load"] for r in ok], "floor": flops / (peak * 1e9) if peak else None, "note": ""})

    by = {r["mode"]: r for r in rows}
    lines = [f"# Sweep speed ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, median of {args.reps})", "",
             "Modes ran interleaved, rotating each repetition: ratios between rows hold for the load they shared; "
             "absolute times need a quiet machine (load average near 0 in every repetition).", "",
             f"Matmul peak (4096x4096 float32, libtorch, all cores): {peak} GFLOP/s.", "",
             "| mode | wall s | each repetition s | load average at start | train samples/s | floor s | share of floor | peak RSS MiB | other load | note |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|"]
    for r in rows:
        if r["note"]:
            lines.append(f"| {r['mode']} | | | | | | | | | {r['note']} |")
            continue
        floor = r.get("floor")
        other = "" if r.get("other") is None else "%.0f%%" % r["other"]
        lines.append("| %s | %.1f | %s | %s | %s | %s | %s | %s | %s | |" % (
            r["mode"], r["wall"], " / ".join("%.1f" % w for w in r["walls"]), " / ".join("%.1f" % x for x in r["loads"]),
            "{:,.0f}".format(r["samples"] / r["wall"]),
            "%.1f" % floor if floor else "", "%.0f%%" % (100 * floor / r["wall"]) if floor else "",
            "%.0f" % r["rss"] if r.get("rss") else "", other))
    lines.append("")
    for slow, fast, target in TARGETS:
        if slow in by and fast in by and not by[slow]["note"] and not by[fast]["note"]:
            ratio = by[slow]["wall"] / by[fast]["wall"]
            lines.append(f"- {fast} vs {slow}: {ratio:.2f}x faster (target at least {target}x): {'met' if ratio >= target else 'MISSED'}")
    if "readme" in by and not by["readme"]["note"]:
        lines.append(f"- the README's command: {by['readme']['wall']:.1f} s (target at most 20 s on a quiet 2-core machine)")
    pt = [r for r in rows if r["mode"].startswith("pytorch") and not r["note"]]
    if pt and "readme" in by and not by["readme"]["note"]:
        lines.append(f"- the README's command vs PyTorch's 18 runs one after another: {pt[0]['wall'] / by['readme']['wall']:.2f}x (target at least 2x)")
    text = "\n".join(lines) + "\n"
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "sweep-speed-latest.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
