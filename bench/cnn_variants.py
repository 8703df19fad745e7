#!/usr/bin/python3
"""What limits the CNN? Runs HandLoop (and PyTorch) CNN variants interleaved, median of N repetitions,
with a per-phase breakdown, and writes bench/results/cnn-variants.md. Started by `bench/run.sh --cnn-variants`
or directly: /usr/bin/python3 bench/cnn_variants.py --reps 3 --data DIR
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import driver  # noqa: E402

# (label, contender, extra options). The first row is the baseline the others are compared with.
VARIANTS = [
    ("baseline: F.pad copy + conv, NCHW, TorchSharp Adam", "handloop", []),
    ("libtorch padding='same'", "handloop", ["--same-padding", "libtorch"]),
    ("symmetric pad 1 + crop (no copy)", "handloop", ["--same-padding", "overcompute"]),
    ("oneDNN off (NNPACK / im2col)", "handloop", ["--mkldnn", "off"]),
    ("channels-last", "handloop", ["--channels-last"]),
    ("fused Adam", "handloop", ["--optimizer", "fused"]),
    ("lean Adam (fewer tensor ops)", "handloop", ["--optimizer", "lean"]),
    ("channels-last + fused Adam", "handloop", ["--channels-last", "--optimizer", "fused"]),
    ("channels-last + fused Adam + grads to none", "handloop", ["--channels-last", "--optimizer", "fused", "--grads-to-none"]),
    ("PyTorch 1.13 baseline", "pytorch", []),
    ("PyTorch 1.13 channels-last", "pytorch", ["--channels-last"]),
]


def run_variant(contender, extra, args, data):
    cmd = ([driver.HANDLOOP, "--profile"] if contender == "handloop" else list(driver.PYTORCH))
    cmd += ["--workload", "cnn", "--data", data, "--threads", str(args.threads), "--max-samples", str(args.samples)] + extra
    code, out, err, wall, rss, other = driver.run_measured(cmd)
    if code != 0:
        return {"error": driver.first_line(err, f"exit {code}"), "other_cpu_pct": None}
    r = driver.last_json_line(out)
    r["other_cpu_pct"] = round(other, 1)
    return r


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    p.add_argument("--samples", type=int, default=3000)
    p.add_argument("--data")
    driver.add_quiet_options(p)
    p.set_defaults(omp_wait_policy="passive")   # variants are compared with each other; passive keeps them steady
    p.add_argument("--only", help="comma-separated variant numbers (1-based) to run")
    p.add_argument("--out", default=os.path.join(driver.BENCH, "results"))
    args = p.parse_args()
    driver.set_omp_wait_policy("passive" if args.omp_wait_policy == "auto" else args.omp_wait_policy)
    data = driver.locate_mnist(args.data)
    chosen = [v for i, v in enumerate(VARIANTS, 1) if not args.only or str(i) in args.only.split(",")]

    results = {label: [] for label, _, _ in chosen}
    for rep in range(1, args.reps + 1):
        for label, contender, extra in chosen:
            r = driver.measure_quietly(lambda: run_variant(contender, extra, args, data), args)
            results[label].append(r)
            driver.log(f"rep {rep} {label}: {r.get('train_samples_per_s')} samples/s, other load {r['other_cpu_pct']}%"
                       + (f" ERROR {r['error']}" if "error" in r else ""))

    flops = driver.train_flops_per_sample("cnn")
    base = base_cpu = None
    lines = [f"# CNN variants\n\n{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC. Median of {args.reps} interleaved "
             f"repetitions, {args.threads} threads, OMP_WAIT_POLICY {driver.CHILD_ENV.get('OMP_WAIT_POLICY', 'unset')}, one epoch of {args.samples:,} MNIST samples at batch 32. Phases are "
             "seconds summed over the epoch (HandLoop --profile). 'Samples per CPU-s' divides by the process's CPU time instead "
             "of wall time: with passive OpenMP waiting it counts the work done and is far less disturbed by other processes "
             "competing for the cores than samples/s, but it does not see how well the two threads are used.\n",
             "| variant | train samples/s | vs baseline | train GFLOP/s | samples per CPU-s | vs baseline | eval samples/s | forward s | backward s | step s | zero_grad s | test acc | other load |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for label, _, _ in chosen:
        ok = [r for r in results[label] if "error" not in r]
        if not ok:
            lines.append(f"| {label} | failed: {results[label][0]['error']} |||||||||")
            continue
        med = lambda key: statistics.median(r[key] for r in ok)
        phase = lambda name: statistics.median(r.get("phases", {}).get(name, float("nan")) for r in ok)
        speed, per_cpu = med("train_samples_per_s"), med("train_samples_per_cpu_s")
        base, base_cpu = base or speed, base_cpu or per_cpu
        fmt_phase = lambda name: "" if ok[0].get("phases", {}).get(name) is None else f"{phase(name):.2f}"
        lines.append(f"| {label} | {speed:,.0f} | {speed / base:.2f}x | {speed * flops / 1e9:.1f} | {per_cpu:,.0f} | {per_cpu / base_cpu:.2f}x "
                     f"| {med('eval_samples_per_s'):,.0f} "
                     f"| {fmt_phase('forward')} | {fmt_phase('backward')} | {fmt_phase('step')} | {fmt_phase('zero_grad')} "
                     f"| {med('accuracy'):.4f} | {statistics.median(r['other_cpu_pct'] for r in ok):.0f}% |")
    text = "\n".join(lines) + "\n"
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "cnn-variants.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
