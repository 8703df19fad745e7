#!/usr/bin/python3
"""bench/run.sh --load: Runner and the hand loop on a quiet machine, then with 1 and then 2 cores kept
busy by competing processes of the benchmark's own (issue 12). Writes bench/results/load-latest.{md,csv}.

Each level starts N spinner processes (one busy core each; each ends by itself after --spinner-seconds
and is killed as soon as its level is measured), waits a moment, then runs the contenders of every
workload in rotating order. The runner decides its own threads (`train.threads` left to it, so its
load-aware policy is what is measured); the hand loop uses every core, as libtorch does by default.
OMP_WAIT_POLICY is left as the environment has it (what users get), never set to PASSIVE here.
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import driver  # noqa: E402  (same folder)

# runner-before: the runner with a fixed thread count of every core, which is what it did before issue 12
# (cores / jobs threads whatever the load), for the before/after comparison.
CONTENDERS = ["runner", "runner-before", "handloop"]
SPIN = "import sys, time\nend = time.time() + float(sys.argv[1])\nwhile time.time() < end:\n    pass\n"
# Targets of issue 12, for MLP 784-100: the runner under load against its own quiet speed, and quiet
# against the hand loop.
TARGETS = {"1 busy": 0.6, "2 busy": 0.45}
QUIET_VS_HANDLOOP = 0.97


class Spinners:
    """N processes that each keep one core busy, bounded in time, stopped on exit of the with-block."""

    def __init__(self, n, seconds):
        self.n, self.seconds, self.procs = n, seconds, []

    def __enter__(self):
        self.procs = [subprocess.Popen(["/usr/bin/python3", "-c", SPIN, str(self.seconds)]) for _ in range(self.n)]
        time.sleep(1.0 if self.n else 0)   # let the scheduler see them before a contender starts
        return self

    def __exit__(self, *exc):
        for p in self.procs:
            p.kill()
        for p in self.procs:
            p.wait()


class LoadAwareRunner(driver.RunnerContender):
    """The runner as a user runs it: threads decided by the runner (train.threads: 0), or fixed."""

    def __init__(self, args, threads=0, name="runner"):
        super().__init__(args)
        self.threads, self.name = threads, name

    def overrides(self, workload):
        return ["--set", f"data.train_limit={driver.samples_for(workload, self.args)}", "--set", f"train.threads={self.threads}"]

    def run(self, workload, rep, data):
        r = super().run(workload, rep, data)
        r["contender"] = self.name
        return r


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def level_name(n):
    return "quiet" if n == 0 else f"{n} busy"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--load", action="store_true", help="(this mode)")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--levels", default="0,1,2", help="busy cores per level, e.g. 0,1,2")
    p.add_argument("--workloads", default="mlp100,cnn")
    p.add_argument("--contenders", default=",".join(CONTENDERS))
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="the hand loop's threads")
    p.add_argument("--mlp-samples", type=int, default=60000)
    p.add_argument("--cnn-samples", type=int, default=3000)
    p.add_argument("--spinner-seconds", type=float, default=900, help="upper bound on each spinner's life")
    p.add_argument("--data")
    p.add_argument("--runner")
    p.add_argument("--out", default=os.path.join(driver.BENCH, "results"))
    args = p.parse_args()
    args.workloads = [w for w in args.workloads.split(",") if w]
    levels = [int(x) for x in args.levels.split(",") if x != ""]

    started, t0 = time.strftime("%Y-%m-%d %H:%M", time.gmtime()), time.perf_counter()
    background = {"loadavg": loadavg(), "busy_pct": round(driver.machine_busy_pct(5), 1)}
    driver.log(f"background before the benchmark: loadavg {background['loadavg']}, "
               f"{background['busy_pct']}% of the CPU busy (other processes, none of ours)")
    data = driver.locate_mnist(args.data)
    contenders = [c for c in args.contenders.split(",") if c in CONTENDERS]
    runner = LoadAwareRunner(args)
    runner.check()
    if runner.unavailable:
        driver.log(f"runner rows will be n/a: {runner.unavailable}")
    before = LoadAwareRunner(args, threads=args.threads, name="runner-before")
    before.unavailable = runner.unavailable
    run = {"runner": lambda w, r: runner.run(w, r, data),
           "runner-before": lambda w, r: before.run(w, r, data),
           "handloop": lambda w, r: driver.run_handloop(w, r, args, data)}
    args.handloop_args = []

    raw = []
    for rep in range(1, args.reps + 1):
        for level in levels:
            with Spinners(level, args.spinner_seconds):
                for w in args.workloads:
                    shift = (rep - 1 + level) % len(contenders)
                    for c in contenders[shift:] + contenders[:shift]:
                        r = run[c](w, rep)
                        r.update(level=level, loadavg=loadavg())
                        raw.append(r)
                        driver.log(f"rep {rep} {level_name(level)} {w} {c}: train {r['train_samples_per_s']} /s, "
                                   f"loadavg {r['loadavg']}{', threads ' + r['threads'] if r.get('threads') else ''} "
                                   f"{r['note'] if r['train_samples_per_s'] is None else ''}")
    write(args, levels, contenders, raw, background, started, time.perf_counter() - t0)


def speed(raw, workload, contender, level, rep=None):
    values = [r["train_samples_per_s"] for r in raw if (r["workload"], r["contender"], r["level"]) == (workload, contender, level)
              and r["train_samples_per_s"] and (rep is None or r["rep"] == rep)]
    return statistics.median(values) if values else None


def paired(raw, workload, a, level_a, b, level_b):
    """Median over repetitions of speed(a at level_a) / speed(b at level_b) within the same repetition."""
    reps = sorted({r["rep"] for r in raw})
    ratios = [speed(raw, workload, a, level_a, rep) / speed(raw, workload, b, level_b, rep) for rep in reps
              if speed(raw, workload, a, level_a, rep) and speed(raw, workload, b, level_b, rep)]
    return statistics.median(ratios) if ratios else None


def write(args, levels, contenders, raw, background, started, elapsed):
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "load-raw-latest.jsonl"), "w") as f:
        for r in raw:
            f.write(json.dumps(r) + "\n")
    fmt = driver.fmt
    names = [level_name(n) for n in levels]
    lines = [f"{started} UTC, `bench/run.sh --load` ({elapsed / 60:.1f} min). Median of {args.reps} repetition(s); "
             f"one epoch of {args.mlp_samples:,} MNIST samples (MLP) or {args.cnn_samples:,} (CNN), batch 32 (MLP 784-100-10 "
             f"and the CNN of bench/README.md). A busy core is one of the benchmark's own spinner processes. The runner "
             f"decides its threads (train.threads left out); runner-before fixes {args.threads} threads, as the runner did before "
             f"issue 12; the hand loop uses {args.threads} threads. OMP_WAIT_POLICY "
             f"{os.environ.get('OMP_WAIT_POLICY', 'unset')}. Background before the run (other people's processes): "
             f"loadavg {background['loadavg']}, {background['busy_pct']}% of the CPU busy.", "",
             "| workload | contender | " + " | ".join(f"{n} samples/s" for n in names) + " | "
             + " | ".join(f"{n} vs own quiet" for n in names if n != "quiet") + " | "
             + " | ".join(f"vs hand loop, {n}" for n in names) + " |",
             "|---|---|" + "--:|" * (2 * len(names) + (len(names) - 1 if 0 in levels else 0))]
    rows = []
    for w in args.workloads:
        for c in contenders:
            speeds = [speed(raw, w, c, n) for n in levels]
            own = [paired(raw, w, c, n, c, 0) for n in levels if n != 0] if 0 in levels else []
            vs = [paired(raw, w, c, n, "handloop", n) if c != "handloop" else None for n in levels]
            lines.append(f"| {w} | {c} | " + " | ".join(fmt(s) for s in speeds) + " | "
                         + " | ".join(fmt(o, 2, "x") for o in own) + " | "
                         + " | ".join(fmt(v, 2, "x") if v is not None else "" for v in vs) + " |")
            rows.append({"workload": w, "contender": c,
                         **{f"{level_name(n)}_samples_per_s": s for n, s in zip(levels, speeds)},
                         **{f"{level_name(n)}_vs_own_quiet": o for n, o in zip([n for n in levels if n != 0], own)},
                         **{f"{level_name(n)}_runner_vs_handloop": v for n, v in zip(levels, vs) if v is not None}})
    lines += ["", "Targets (MLP 784-100, runner):"]
    if "mlp100" in args.workloads:
        for n in levels:
            name = level_name(n)
            if name in TARGETS and 0 in levels:
                got = paired(raw, "mlp100", "runner", n, "runner", 0)
                lines.append(f"- {name}: {fmt(got, 2, 'x')} of its own quiet speed (target {TARGETS[name]}x): "
                             + ("met" if got and got >= TARGETS[name] else "missed"))
        if 0 in levels:
            got = paired(raw, "mlp100", "runner", 0, "handloop", 0)
            lines.append(f"- quiet: {fmt(got, 2, 'x')} the hand loop (target {QUIET_VS_HANDLOOP}x): "
                         + ("met" if got and got >= QUIET_VS_HANDLOOP else "missed"))
        if background["busy_pct"] > 10:
            lines.append(f"- the machine was not quiet ({background['busy_pct']}% of the CPU busy before the run): "
                         "these targets are defined on a quiet machine and are not judged by this table")
    lines += ["", "'vs' columns are medians of per-repetition ratios. On a machine that other people use while it "
              "runs, every level carries their load on top of the spinners: read the background line above."]
    text = "\n".join(lines) + "\n"
    with open(os.path.join(args.out, "load-latest.md"), "w") as f:
        f.write(text)
    with open(os.path.join(args.out, "load-latest.csv"), "w", newline="") as f:
        keys = sorted({k for r in rows for k in r}, key=lambda k: (k not in ("workload", "contender"), k))
        w = csv.DictWriter(f, keys, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(text)


if __name__ == "__main__":
    main()
