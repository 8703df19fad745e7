#!/usr/bin/env python3
"""bench/search: what the adaptive sweeps buy, measured with the real runner (issue 15).

  bench/search/search.py                 # the full bench: hours on a quiet 2-core machine
  bench/search/search.py --small         # the same on 3000 training images (about an hour on a loaded machine)
  bench/search/search.py --tiny          # a few minutes: proves every part works, numbers mean nothing
  RUNNER_COMMAND="dotnet /path/runner.dll" bench/search/search.py ...   # a fixed build instead of ./runner

1. grid vs random vs TPE at equal budgets on bench/search/space_*.yaml (Fashion-MNIST, lr x units x batch,
   2 epochs): best val_accuracy after N trials, median over the sweep seeds.
2. ASHA vs no pruning on experiments/asha.yaml: wall time and best val_accuracy.
3. race vs the full grid on experiments/optimizers_race.yaml with max_seeds seeds: the fraction of runs
   the race used, and whether its verdict (the survivors) equals the full grid's (the configurations not
   significantly worse than the best on all seeds, by the same Holm-corrected paired t-test).
Writes bench/search/results/latest.md and prints it.
"""
import argparse, csv, json, os, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RUNNER = os.environ.get("RUNNER_COMMAND", os.path.join(ROOT, "runner")).split()


def run(yaml, results, sets):
    args = RUNNER + ["run", yaml, "--results", results, "--no-report", "--quiet"]
    for s in sets:
        args += ["--set", s]
    start = time.monotonic()
    done = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seconds = time.monotonic() - start
    if done.returncode != 0:
        sys.exit(f"search bench: {' '.join(args)} failed ({done.returncode}):\n{done.stdout[-3000:]}")
    return seconds


def rows(folder):
    with open(os.path.join(folder, "runs.csv"), newline="") as f:
        return list(csv.DictReader(f))


def best(folder, metric="val_accuracy"):
    values = [float(r[metric]) for r in rows(folder) if r["status"] == "done" and r[metric]]
    return max(values) if values else float("nan")


def decisions(folder):
    path = os.path.join(folder, "decisions.jsonl")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.endswith("\n")]


STARTUP = 8  # space_tpe.yaml's random startup trials


def mean_after(folder, first):
    """Mean val_accuracy of the trials after the first `first` (TPE's own proposals; for random, its draws at the same places)."""
    values = [float(r["val_accuracy"]) if r["status"] == "done" and r["val_accuracy"] else 0.0 for r in rows(folder)[first:]]
    return statistics.mean(values) if values else float("nan")


def grid_vs_random(tmp, sweep_seeds, sets, trials):
    out = []
    for name in ["grid", "random", "tpe"]:
        bests, later = [], []
        for seed in sweep_seeds:
            extra = [f"train.seed={seed}"]
            if name == "random":
                extra += [f"sweep.random.seed={seed}", f"sweep.random.samples={trials}"]
            if name == "tpe":
                extra += [f"sweep.tpe.seed={seed}", f"sweep.tpe.trials={trials}"]
            folder = os.path.join(tmp, f"{name}-{seed}")
            run(os.path.join(HERE, f"space_{name}.yaml"), folder, sets + extra)
            bests.append(best(os.path.join(folder, f"search_{name}")))
            later.append(mean_after(os.path.join(folder, f"search_{name}"), STARTUP))
        out.append((name, len(rows(os.path.join(tmp, f"{name}-{sweep_seeds[0]}", f"search_{name}"))), statistics.median(bests), bests,
                    statistics.median(later) if name != "grid" else None))
    return out


def asha_vs_none(tmp, sets):
    out = []
    for name, extra in [("asha", []), ("no pruning", ["pruning=false"])]:
        folder = os.path.join(tmp, "asha-" + name.replace(" ", "-"))
        seconds = run(os.path.join(ROOT, "experiments", "asha.yaml"), folder, sets + extra)
        table = rows(os.path.join(folder, "asha"))
        epochs = sum(int(r["epochs"]) for r in table)
        out.append((name, seconds, epochs, sum(r["status"] == "pruned" for r in table), best(os.path.join(folder, "asha"))))
    return out


def race_vs_grid(tmp, sets, first, max_seeds):
    yaml = os.path.join(ROOT, "experiments", "optimizers_race.yaml")
    race = os.path.join(tmp, "race")
    race_seconds = run(yaml, race, sets + [f"sweep.race={{first: {first}, max_seeds: {max_seeds}, alpha: 0.05}}"])
    # The full grid: a race that starts every configuration with all max_seeds seeds decides once, on all of them.
    grid = os.path.join(tmp, "grid")
    grid_seconds = run(yaml, grid, sets + [f"sweep.race={{first: {max_seeds}, max_seeds: {max_seeds}, alpha: 0.05}}"])

    def winner(folder, among):
        by = {}
        for r in rows(os.path.join(folder, "optimizers_race")):
            if r["status"] == "done" and r["val_accuracy"]:
                by.setdefault(f"optimizer={r['optimizer']},activation={r['activation']}", []).append(float(r["val_accuracy"]))
        return max(among, key=lambda c: statistics.mean(by[c]))

    def survivors(folder):
        last = decisions(os.path.join(folder, "optimizers_race"))[-1]
        out = {d["subject"] for e in decisions(os.path.join(folder, "optimizers_race")) for d in e["decisions"]}
        gone = {d["subject"] for e in decisions(os.path.join(folder, "optimizers_race")) for d in e["decisions"] if d["kind"] == "eliminate"}
        return sorted(s for s in out - gone if s), next((d["reason"] for d in last["decisions"] if d["kind"] == "stop"), "open")

    race_runs, grid_runs = len(rows(os.path.join(race, "optimizers_race"))), len(rows(os.path.join(grid, "optimizers_race")))
    (rs, rstop), (gs, gstop) = survivors(race), survivors(grid)
    return race_runs, grid_runs, race_seconds, grid_seconds, rs, gs, rstop, gstop, winner(race, rs), winner(grid, gs)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tiny", action="store_true", help="a smoke run on little data (numbers mean nothing)")
    parser.add_argument("--small", action="store_true", help="3000 training images, 2 epochs everywhere (asha: 27 runs of 9 epochs)")
    args = parser.parse_args()
    if args.small:
        small = ["data.train_limit=3000", "data.test_limit=500"]
        sets, seeds, trials, first, max_seeds = small + ["train.epochs=2"], [1, 2, 3, 4, 5], 20, 3, 10
        asha_sets = small
    elif args.tiny:
        sets, seeds, trials, first, max_seeds = ["data.train_limit=1500", "data.test_limit=200", "train.epochs=2"], [1, 2], 20, 2, 3
        asha_sets = ["data.train_limit=1500", "data.test_limit=200", "sweep.random.samples=6", "train.epochs=4"]
    else:
        sets, seeds, trials, first, max_seeds = [], [1, 2, 3, 4, 5], 20, 3, 10
        asha_sets = []
    tmp = tempfile.mkdtemp(prefix="runner-search-bench-")
    mode = "small (3000 training images)" if args.small else "tiny smoke run: the numbers mean nothing" if args.tiny else "full"
    lines = [f"# bench/search ({mode})", "",
             f"Results under {tmp}. Machine load at start: {os.getloadavg()[0]:.1f}.", ""]

    lines += ["## Grid vs random vs TPE at equal budgets", "", f"Best val_accuracy after the sweep, median over sweep seeds {seeds}.", "",
              "| method | trials | median best | per seed | median of the mean of trials 9-20 |", "|---|--:|--:|---|--:|"]
    for name, n, median, bests, later in grid_vs_random(tmp, seeds, sets, trials):
        lines.append(f"| {name} | {n} | {median:.4f} | {', '.join(f'{b:.4f}' for b in bests)} | {'-' if later is None else f'{later:.3f}'} |")
    lines += [""]

    lines += ["## ASHA vs no pruning (experiments/asha.yaml)", "", "| | wall time | epochs trained | pruned runs | best val_accuracy |", "|---|--:|--:|--:|--:|"]
    for name, seconds, epochs, pruned, b in asha_vs_none(tmp, asha_sets):
        lines.append(f"| {name} | {seconds:.0f} s | {epochs} | {pruned} | {b:.4f} |")

    rr, gr, rsec, gsec, rs, gs, rstop, gstop, rw, gw = race_vs_grid(tmp, sets, first, max_seeds)
    lines += ["", f"## Race vs the full grid (experiments/optimizers_race.yaml, {max_seeds} seeds)", "",
              "| | runs | wall time | survivors | verdict |", "|---|--:|--:|---|---|",
              f"| race (first {first}) | {rr} ({rr / gr:.0%} of the grid) | {rsec:.0f} s | {'; '.join(rs)} | {rstop} |",
              f"| full grid | {gr} | {gsec:.0f} s | {'; '.join(gs)} | {gstop} |",
              "", f"Verdicts agree: {'yes' if rs == gs else 'no'}. Winner (best mean val_accuracy among the survivors): race {rw}, full grid {gw}: {'the same' if rw == gw else 'different'}.", ""]
    text = "\n".join(lines)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "small.md" if args.small else "tiny.md" if args.tiny else "latest.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
