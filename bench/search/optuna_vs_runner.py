#!/usr/bin/python3
"""bench/search/optuna_vs_runner.py: Runner's search against Optuna 3.1 on the same objective and trainer (issue 24).

Optuna's samplers propose; every trial is one `runner run` of a one-run experiment file written for it, and
its val_accuracy (and parameter count) is read back from runs.csv. Runner's own searches run the same space
through `runner run bench/search/space_<method>.yaml`. So both sides train with the same trainer, data,
epochs and training seed (the search seed), and only the proposals differ.

  /usr/bin/python3 bench/search/optuna_vs_runner.py                       # the issue's target: budgets 20 and 40, 5 seeds
  /usr/bin/python3 bench/search/optuna_vs_runner.py --budgets 20 --seeds 1 2   # a reduced run
  RUNNER_COMMAND="dotnet /path/runner.dll" ...                            # a fixed build instead of ./runner

Needs Debian's python3-optuna (3.1) and python3-scipy (QMCSampler); call /usr/bin/python3 if another python
comes first on PATH. Writes bench/search/results/optuna-<label>.md and prints it.

Space (flat): Fashion-MNIST, dense(units, relu) -> dense(10, softmax), sgd with lr in [3e-4, 0.3] (log),
units in [32, 256], batch in {32, 64, 128, 256}; 2 epochs on 3000 training images by default (--data).
With --conditional, both sides also choose the optimizer: sgd with its momentum in [0, 0.95], or adam with its
beta_1 in [0.8, 0.99], momentum and beta_1 each sampled only in its branch (Optuna's suggest() below; Runner's
bench/search/space_<method>_conditional.yaml, a choice whose options carry their own distribution).

Seed-aware TPE (--seed-aware): per search seed, plain TPE (space_tpe.yaml, one training seed) against seed-aware
TPE (space_tpe_seeds.yaml: `repeats: 2`), at equal trials (--equal trials: seed-aware trains twice as much) or
equal trainings (--equal trainings: seed-aware makes half the trials). Each picks its best
configuration (plain: the best single run; seed-aware: the best mean over its seeds), and both picks are trained
again on --reevaluate fresh seeds; the target is seed-aware at least as good in 4 of 5 search seeds.

Multi-objective (--multi): val_accuracy (max) against parameters (min). Optuna's NSGA-II (population 10, so
a 20-trial budget makes two generations) and MOTPE (TPESampler with two directions, 10 startup trials) against
Runner's multi-objective TPE (space_motpe.yaml: `tpe:` with report.objectives, 10 startup trials) and its random
plan. Hypervolume of the front, parameters scaled by the largest model's count, reference point (accuracy 0,
the largest model).
"""
import argparse, csv, os, statistics, subprocess, sys, tempfile, time

import warnings

import optuna

warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RUNNER = os.environ.get("RUNNER_COMMAND", os.path.join(ROOT, "runner")).split()
LR, UNITS, BATCHES = (3e-4, 0.3), (32, 256), [32, 64, 128, 256]
LARGEST = 784 * UNITS[1] + UNITS[1] + UNITS[1] * 10 + 10  # parameters of the widest model

TRIAL_YAML = """name: trial
data: {{dataset: fashion_mnist, validation_split: 0.2, split_seed: 42}}
model:
  input: [28, 28]
  layers:
    - flatten
    - dense: {{units: {units}, activation: relu}}
    - dense: {{units: 10, activation: softmax}}
train:
  optimizer: {optimizer}
  epochs: 2
  batch_size: {batch}
  seed: {seed}
"""


def runner(args, what):
    done = subprocess.run(RUNNER + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        sys.exit(f"optuna_vs_runner: {what} failed ({done.returncode}): {' '.join(RUNNER + args)}\n{done.stdout[-3000:]}")


def rows(folder):
    with open(os.path.join(folder, "runs.csv"), newline="") as f:
        return list(csv.DictReader(f))


def in_trial_order(runs):
    """A search's runs by trial number (stable, so a trial's seeds keep their order); a one-run folder as it is."""
    return sorted(runs, key=lambda r: int(r["trial"])) if runs and "trial" in runs[0] else runs


def finished(folder):
    """(val_accuracy, parameters) of every run of a results folder; a run that failed or diverged counts as accuracy 0."""
    out = []
    for r in in_trial_order(rows(folder)):
        accuracy = float(r["val_accuracy"]) if r["status"] == "done" and r["val_accuracy"] else 0.0
        out.append((accuracy, int(r["parameters"])))
    return out


class Trainer:
    """Trains one configuration per call with `runner run`, in its own results folder."""

    def __init__(self, tmp, data_sets):
        self.tmp, self.data_sets, self.count = tmp, data_sets, 0

    def __call__(self, seed, lr, units, batch, optimizer="sgd", extra=None):
        self.count += 1
        folder = os.path.join(self.tmp, f"trial-{self.count}")
        os.makedirs(folder)
        knobs = {"learning_rate": lr, **(extra or {})}
        spec = "{name: " + optimizer + ", " + ", ".join(f"{k}: {v!r}" for k, v in knobs.items()) + "}"
        yaml = os.path.join(folder, "trial.yaml")
        with open(yaml, "w") as f:
            f.write(TRIAL_YAML.format(units=units, batch=batch, seed=seed, optimizer=spec))
        args = ["run", yaml, "--results", os.path.join(folder, "results"), "--no-report", "--quiet", "--jobs", "1"]
        for s in self.data_sets:
            args += ["--set", s]
        runner(args, f"trial {self.count}")
        return finished(os.path.join(folder, "results", "trial"))[0]


def suggest(trial, conditional):
    lr = trial.suggest_float("lr", *LR, log=True)
    units = trial.suggest_int("units", *UNITS)
    batch = trial.suggest_categorical("batch", BATCHES)
    if not conditional:
        return dict(lr=lr, units=units, batch=batch)
    optimizer = trial.suggest_categorical("optimizer", ["sgd", "adam"])
    extra = {"momentum": trial.suggest_float("momentum", 0.0, 0.95)} if optimizer == "sgd" \
        else {"beta_1": trial.suggest_float("beta_1", 0.8, 0.99)}
    return dict(lr=lr, units=units, batch=batch, optimizer=optimizer, extra=extra)


class Studies:
    """Optuna's studies by (method, seed): optimizing one further continues its sampler where it stopped, so a study
    taken to 20 trials and then to 40 makes the same proposals as one taken to 40 at once."""

    def __init__(self, train):
        self.train, self.studies = train, {}

    def single(self, method, budget, seed, conditional):
        study = self.studies.get((method, seed)) or optuna.create_study(direction="maximize", sampler=SINGLE[method](seed))
        self.studies[(method, seed)] = study
        study.optimize(lambda t: self.train(seed, **suggest(t, conditional))[0], n_trials=budget - len(study.trials))
        return [(t.value, None) for t in study.trials]

    def multi(self, method, budget, seed):
        study = self.studies.get((method, seed)) or optuna.create_study(directions=["maximize", "minimize"], sampler=MULTI[method](seed))
        self.studies[(method, seed)] = study
        study.optimize(lambda t: self.train(seed, **suggest(t, False)), n_trials=budget - len(study.trials))
        return [tuple(t.values) for t in study.trials]


def runner_search(method, budget, seed, tmp, data_sets, conditional=False, extend_to=None):
    """A Runner search's (val_accuracy, parameters) per trial. With extend_to (the largest budget), a TPE search keeps one
    results folder per seed and each larger budget raises its trials (an extension: the same proposals as one run of as
    many trials, since a trial's draws depend on its number alone); the startup count follows extend_to."""
    space = f"{method}_conditional" if conditional else method
    section = "tpe" if method == "motpe" else method  # multi-objective TPE is `tpe:` with report.objectives
    extends = extend_to is not None and section == "tpe"
    folder = os.path.join(tmp, f"runner-{space}-{'x' if extends else budget}-{seed}")
    count_key = "samples" if method in ("random", "sobol") else "trials"
    args = ["run", os.path.join(HERE, f"space_{space}.yaml"), "--results", folder, "--no-report", "--quiet", "--jobs", "1",
            "--set", f"sweep.{section}.{count_key}={budget}", "--set", f"sweep.{section}.seed={seed}", "--set", f"train.seed={seed}"]
    planned = extend_to if extends else budget
    if section == "tpe" and planned <= 10:  # space_tpe.yaml's 8 (space_motpe.yaml's 10) startup trials need a larger budget (smoke runs)
        args += ["--set", f"sweep.tpe.startup={max(1, planned // 2)}"]
    for s in data_sets:
        args += ["--set", s]
    runner(args, f"runner {method}")
    return finished(os.path.join(folder, f"search_{space}"))[:budget]


REEVAL_YAML = """name: reeval
data: {{dataset: fashion_mnist, validation_split: 0.2, split_seed: 42}}
model:
  input: [28, 28]
  layers:
    - flatten
    - dense: {{units: "${{units}}", activation: relu}}
    - dense: {{units: 10, activation: softmax}}
train:
  optimizer: {{name: sgd, learning_rate: "${{lr}}"}}
  epochs: 2
  batch_size: ${{batch}}
sweep:
  zip: {{lr: [{lrs}], units: [{units}], batch: [{batches}]}}
  seed: [{seeds}]
"""


def picks(runs, by_mean):
    """The configuration (lr, units, batch) a search picks from its runs: its best run, or (by_mean) its best mean over seeds."""
    groups = {}
    for r in runs:
        key = (r["lr"], r["units"], r["batch"])
        groups.setdefault(key, []).append(float(r["val_accuracy"]) if r["status"] == "done" and r["val_accuracy"] else 0.0)
    score = (lambda v: statistics.mean(v)) if by_mean else max
    return max(groups, key=lambda k: score(groups[k]))


def reevaluate(configs, seeds, tmp, data_sets, tag, known):
    """Every configuration's mean val_accuracy over training seeds 101..100+seeds (none a search trained on), the ones
    not in `known` in one runner process; `known` (configuration -> mean) gains them, so no pick is trained twice."""
    configs = [c for c in dict.fromkeys(configs) if c not in known]
    if not configs:
        return known
    folder = os.path.join(tmp, f"reeval-{tag}")
    os.makedirs(folder)
    yaml = os.path.join(folder, "reeval.yaml")
    with open(yaml, "w") as f:
        f.write(REEVAL_YAML.format(lrs=", ".join(c[0] for c in configs), units=", ".join(c[1] for c in configs),
                                   batches=", ".join(c[2] for c in configs), seeds=", ".join(str(100 + k) for k in range(1, seeds + 1))))
    args = ["run", yaml, "--results", os.path.join(folder, "results"), "--no-report", "--quiet", "--jobs", "1"]
    for s in data_sets:
        args += ["--set", s]
    runner(args, "re-evaluation")
    means = {}
    for r in rows(os.path.join(folder, "results", "reeval")):
        means.setdefault((r["lr"], r["units"], r["batch"]), []).append(float(r["val_accuracy"]) if r["status"] == "done" and r["val_accuracy"] else 0.0)
    known.update({k: statistics.mean(v) for k, v in means.items()})
    return known


def startup(trials):
    """The startup trials of the seed-aware comparison's searches: 8, fewer for a small budget (2/5 of it)."""
    return max(1, min(8, trials * 2 // 5))


def seed_aware(budget, equals, seed, tmp, data_sets, reevaluations, extend, known):
    """Per equal: (plain pick, its re-evaluated mean, seed-aware pick, its mean). Plain TPE (space_tpe.yaml, training
    seed = search seed) makes `budget` trials; seed-aware TPE (space_tpe_seeds.yaml, repeats: 2) as many (equal="trials",
    twice the trainings) or half as many (equal="trainings"). With `extend`, each (space, startup) search keeps one
    results folder per seed, raised to more trials for a larger budget, and a budget reads its first trials."""
    wanted = {equal: budget if equal == "trials" else budget // 2 for equal in equals}
    needs = {}  # folder -> (space, startup, trials)
    for space, n in [("tpe", budget)] + [("tpe_seeds", n) for n in wanted.values()]:
        folder = os.path.join(tmp, f"{space}-startup{startup(n)}-{'x' if extend else n}-seed{seed}")
        needs[folder] = (space, startup(n), max(n, needs.get(folder, (0, 0, 0))[2]))
    for folder, (space, first, most) in needs.items():
        args = ["run", os.path.join(HERE, f"space_{space}.yaml"), "--results", folder, "--no-report", "--quiet", "--jobs", "1",
                "--set", f"sweep.tpe.seed={seed}", "--set", f"sweep.tpe.trials={most}", "--set", f"sweep.tpe.startup={first}"]
        if space == "tpe":
            args += ["--set", f"train.seed={seed}"]
        for s in data_sets:
            args += ["--set", s]
        runner(args, f"{space} search")

    def first(space, n):
        folder = os.path.join(tmp, f"{space}-startup{startup(n)}-{'x' if extend else n}-seed{seed}")
        return [r for r in rows(os.path.join(folder, f"search_{space}")) if int(r["trial"]) <= n]

    plain = picks(first("tpe", budget), False)
    chosen = {equal: (plain, picks(first("tpe_seeds", n), True)) for equal, n in wanted.items()}
    reevaluate([c for pair in chosen.values() for c in pair], reevaluations, tmp, data_sets, f"{budget}-seed{seed}", known)
    return {equal: (a, known[a], b, known[b]) for equal, (a, b) in chosen.items()}


def hypervolume(points):
    """Area dominated by (accuracy up, parameters down) points, parameters scaled by LARGEST, reference (0, 1)."""
    front = sorted(((a, p / LARGEST) for a, p in points if a > 0), key=lambda x: (x[1], -x[0]))
    area, best = 0.0, 0.0
    for i, (a, p) in enumerate(front):
        best = max(best, a)
        right = front[i + 1][1] if i + 1 < len(front) else 1.0
        area += best * (right - p)
    return area


SINGLE = {
    "optuna-tpe": lambda seed: optuna.samplers.TPESampler(seed=seed),
    "optuna-random": lambda seed: optuna.samplers.RandomSampler(seed=seed),
    "optuna-sobol": lambda seed: optuna.samplers.QMCSampler(qmc_type="sobol", scramble=True, seed=seed, warn_independent_sampling=False),
}
MULTI = {
    "optuna-nsga2": lambda seed: optuna.samplers.NSGAIISampler(population_size=10, seed=seed),
    "optuna-motpe": lambda seed: optuna.samplers.TPESampler(seed=seed),
}


class Report:
    """The results file, rewritten after every seed so that a run cut short leaves what it finished."""

    def __init__(self, args, tmp):
        self.args, self.tmp = args, tmp
        self.started, self.load = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), os.getloadavg()[0]
        self.single, self.multi, self.aware = {}, {}, {}  # (method or equal, budget) -> [(seed, value)]
        os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
        self.path = os.path.join(HERE, "results", f"optuna-{args.label}.md")
        self.trials = open(os.path.join(HERE, "results", f"optuna-{args.label}-trials.csv"), "w", newline="")
        self.trials_csv = csv.writer(self.trials)
        self.trials_csv.writerow(["method", "seed", "trial", "val_accuracy", "parameters"])
        self.logged = {}

    def log_trials(self, method, seed, points):
        """Appends the trials of (method, seed) not logged yet (a search extended to a larger budget logs its new ones)."""
        logged = self.logged.get((method, seed), 0)
        self.logged[(method, seed)] = len(points)
        for n, (accuracy, parameters) in enumerate(points[logged:], logged + 1):
            self.trials_csv.writerow([method, seed, n, accuracy, "" if parameters is None else parameters])
        self.trials.flush()

    def write(self, finished=False):
        a = self.args
        lines = [f"# bench/search: Runner against Optuna {optuna.__version__} ({a.label})", "",
                 f"Run {self.started}, machine load {self.load:.1f} at start; results under {self.tmp}.",
                 f"Data: {' '.join(a.data)}; 2 epochs; training seed = search seed. Seeds {a.seeds}.",
                 f"Command: `{' '.join(['/usr/bin/python3', 'bench/search/optuna_vs_runner.py'] + sys.argv[1:])}`"]
        if a.prefix:
            lines += ["", f"--prefix: each search ran to {min(a.budgets)} trials for every seed, then was extended to {max(a.budgets)} "
                          f"(Optuna: the same study optimized further; Runner: the same results folder, trials raised); a smaller budget "
                          f"is the first trials of the larger. Per-trial values: optuna-{a.label}-trials.csv."]
        if self.single:
            lines += ["", "## Best val_accuracy at equal trials" + (" (conditional optimizer space, both sides)" if a.conditional else ""), "",
                      "| method | trials | median best | per seed | trainings |", "|---|--:|--:|---|--:|"]
            for (method, budget), got in self.single.items():
                if not got:
                    continue
                values = [v for _, v in got]
                lines.append(f"| {method} | {budget} | {statistics.median(values):.4f}{self.partial(got)} | {', '.join(f'{v:.4f}' for v in values)} | {budget * len(values)} |")
        if self.multi:
            lines += ["", "## val_accuracy (max) vs parameters (min): hypervolume at equal trials", "",
                      "| method | trials | median hypervolume | per seed |", "|---|--:|--:|---|"]
            for (method, budget), got in self.multi.items():
                if not got:
                    continue
                values = [v for _, v in got]
                lines.append(f"| {method} | {budget} | {statistics.median(values):.4f}{self.partial(got)} | {', '.join(f'{v:.4f}' for v in values)} |")
        for equal in dict.fromkeys(e for (e, _), got in self.aware.items() if got):
            lines += ["", f"## Seed-aware TPE (repeats: 2) against plain TPE at equal {equal}: the picks re-evaluated on {a.reevaluate} fresh seeds", "",
                      "| plain TPE's trials | search seed | plain TPE's pick | its mean | seed-aware pick | its mean | seed-aware at least as good |",
                      "|--:|--:|---|--:|---|--:|---|"]
            for (e, budget), got in self.aware.items():
                if e != equal or not got:
                    continue
                for seed, (x, mx, y, my) in got:
                    lines.append(f"| {budget} | {seed} | lr={x[0]}, units={x[1]}, batch={x[2]} | {mx:.4f} | lr={y[0]}, units={y[1]}, batch={y[2]} | {my:.4f} | {'yes' if my >= mx else 'no'} |")
                wins = sum(my >= mx for _, (_, mx, _, my) in got)
                lines.append(f"| {budget} | all{self.partial(got)} | | | | | {wins} of {len(got)} (target: 4 of 5) |")
        lines += ["", (f"Finished {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}" if finished else
                       f"Still running at {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}") + f"; load {os.getloadavg()[0]:.1f}.", ""]
        with open(self.path, "w") as f:
            f.write("\n".join(lines))
        return "\n".join(lines)

    def partial(self, got):
        return "" if len(got) == len(self.args.seeds) else f" (seeds {', '.join(str(s) for s, _ in got)} so far)"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--budgets", type=int, nargs="+", default=[20, 40])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument("--methods", nargs="*", default=["optuna-tpe", "optuna-random", "optuna-sobol", "runner-tpe", "runner-random"],
                        help="single-objective methods (none: only --multi or --seed-aware); also runner-sobol")
    parser.add_argument("--multi", action="store_true", help="also val_accuracy vs parameters: NSGA-II and MOTPE against Runner's multi-objective TPE and random plan")
    parser.add_argument("--multi-methods", nargs="+", default=["optuna-nsga2", "optuna-motpe", "runner-motpe", "runner-random"],
                        help="the methods of --multi")
    parser.add_argument("--conditional", action="store_true", help="both sides also choose sgd(momentum) or adam(beta_1), each parameter in its branch only")
    parser.add_argument("--data", nargs="+", default=["data.train_limit=3000", "data.test_limit=500"], help="--set overrides for every run")
    parser.add_argument("--seed-aware", action="store_true", help="also plain TPE against seed-aware TPE (repeats: 2), both picks re-evaluated on fresh seeds")
    parser.add_argument("--equal", choices=["trials", "trainings", "both"], default="trials",
                        help="--seed-aware at equal trials (seed-aware trains twice as much), equal trainings (it makes half the trials), or both")
    parser.add_argument("--reevaluate", type=int, default=10, help="fresh training seeds each pick of --seed-aware is re-evaluated on")
    parser.add_argument("--prefix", action="store_true",
                        help="run each search to the smallest budget for every seed, then extend it to the next (TPE and NSGA-II here "
                             "are sequential with a fixed seed: a trial's proposal does not depend on the budget), so a smaller budget "
                             "is the first trials of a larger one")
    parser.add_argument("--label", default="latest")
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    tmp = tempfile.mkdtemp(prefix="runner-optuna-bench-")
    train = Trainer(tmp, args.data)
    report = Report(args, tmp)
    equals = ["trials", "trainings"] if args.equal == "both" else [args.equal]
    known = {}  # re-evaluated configuration -> mean
    for budget in args.budgets:  # rows in budget order, whatever order the seeds finish in
        for method in args.methods:
            report.single[(method, budget)] = []
        for method in (args.multi_methods if args.multi else []):
            report.multi[(method, budget)] = []
        for equal in (equals if args.seed_aware else []):
            report.aware[(equal, budget)] = []
    # Budget by budget, and in each seed by seed (every method on seed 1, then on seed 2, ...), so that a run cut short
    # has whole seeds of the smaller budgets. With --prefix a larger budget extends each search of the smaller.
    studies = Studies(train)
    extend_to = max(args.budgets) if args.prefix else None
    for budget in sorted(args.budgets):
        for seed in args.seeds:
            for method in args.methods:
                points = runner_search(method[len("runner-"):], budget, seed, tmp, args.data, args.conditional, extend_to) if method.startswith("runner-") \
                    else studies.single(method, budget, seed, args.conditional)
                report.log_trials(method + ("-conditional" if args.conditional else ""), seed, points)
                report.single[(method, budget)].append((seed, max(a for a, _ in points[:budget])))
                report.write()
            for method in (args.multi_methods if args.multi else []):
                points = runner_search(method[len("runner-"):], budget, seed, tmp, args.data, extend_to=extend_to) if method.startswith("runner-") \
                    else studies.multi(method, budget, seed)
                report.log_trials(method + "-multi", seed, points)
                report.multi[(method, budget)].append((seed, hypervolume(points[:budget])))
                report.write()
            if args.seed_aware:
                for equal, result in seed_aware(budget, equals, seed, tmp, args.data, args.reevaluate, args.prefix, known).items():
                    report.aware[(equal, budget)].append((seed, result))
                report.write()
            print(f"seed {seed} done ({budget} trials)", flush=True)
    print(report.write(finished=True))


if __name__ == "__main__":
    main()
