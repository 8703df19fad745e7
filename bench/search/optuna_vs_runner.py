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


def finished(folder):
    """(val_accuracy, parameters) of every run of a results folder; a run that failed or diverged counts as accuracy 0."""
    out = []
    for r in rows(folder):
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


def optuna_single(sampler, budget, seed, train, conditional):
    study = optuna.create_study(direction="maximize", sampler=sampler)
    study.optimize(lambda t: train(seed, **suggest(t, conditional))[0], n_trials=budget)
    return [(t.value, None) for t in study.trials]


def optuna_multi(sampler, budget, seed, train):
    study = optuna.create_study(directions=["maximize", "minimize"], sampler=sampler)
    study.optimize(lambda t: train(seed, **suggest(t, False)), n_trials=budget)
    return [tuple(t.values) for t in study.trials]


def runner_search(method, budget, seed, tmp, data_sets, conditional=False):
    space = f"{method}_conditional" if conditional else method
    folder = os.path.join(tmp, f"runner-{space}-{budget}-{seed}")
    count_key = "samples" if method in ("random", "sobol") else "trials"
    section = "tpe" if method == "motpe" else method  # multi-objective TPE is `tpe:` with report.objectives
    args = ["run", os.path.join(HERE, f"space_{space}.yaml"), "--results", folder, "--no-report", "--quiet", "--jobs", "1",
            "--set", f"sweep.{section}.{count_key}={budget}", "--set", f"sweep.{section}.seed={seed}", "--set", f"train.seed={seed}"]
    if section == "tpe" and budget <= 10:  # space_tpe.yaml's 8 (space_motpe.yaml's 10) startup trials need a larger budget (smoke runs)
        args += ["--set", f"sweep.tpe.startup={max(1, budget // 2)}"]
    for s in data_sets:
        args += ["--set", s]
    runner(args, f"runner {method}")
    return finished(os.path.join(folder, f"search_{space}"))


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


def picks(folder, by_mean):
    """The configuration (lr, units, batch) a search picks: its best run, or (by_mean) its best mean over seeds."""
    groups = {}
    for r in rows(folder):
        key = (r["lr"], r["units"], r["batch"])
        groups.setdefault(key, []).append(float(r["val_accuracy"]) if r["status"] == "done" and r["val_accuracy"] else 0.0)
    score = (lambda v: statistics.mean(v)) if by_mean else max
    return max(groups, key=lambda k: score(groups[k]))


def reevaluate(configs, seeds, tmp, data_sets, tag):
    """Every configuration's mean val_accuracy over training seeds 101..100+seeds (none a search trained on), one runner process."""
    configs = list(dict.fromkeys(configs))
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
    return {k: statistics.mean(v) for k, v in means.items()}


def seed_aware(budget, seed, tmp, data_sets, reevaluations, equal):
    """(plain pick, its re-evaluated mean, seed-aware pick, its mean): plain TPE makes `budget` trials; seed-aware TPE
    as many (equal="trials", twice the trainings) or half as many on 2 seeds each (equal="trainings")."""
    trials = budget if equal == "trials" else budget // 2
    plain = os.path.join(tmp, f"plain-{budget}-{seed}")
    aware = os.path.join(tmp, f"aware-{budget}-{seed}")
    common = ["--no-report", "--quiet", "--jobs", "1", "--set", f"sweep.tpe.seed={seed}"]
    for s in data_sets:
        common += ["--set", s]
    runner(["run", os.path.join(HERE, "space_tpe.yaml"), "--results", plain, *common, "--set", f"train.seed={seed}",
            "--set", f"sweep.tpe.trials={budget}", "--set", f"sweep.tpe.startup={max(1, min(8, budget * 2 // 5))}"], "plain TPE")
    runner(["run", os.path.join(HERE, "space_tpe_seeds.yaml"), "--results", aware, *common,
            "--set", f"sweep.tpe.trials={trials}", "--set", f"sweep.tpe.startup={max(1, min(8, trials * 2 // 5))}"], "seed-aware TPE")
    a, b = picks(os.path.join(plain, "search_tpe"), False), picks(os.path.join(aware, "search_tpe_seeds"), True)
    means = reevaluate([a, b], reevaluations, tmp, data_sets, f"{budget}-{seed}")
    return a, means[a], b, means[b]


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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--budgets", type=int, nargs="+", default=[20, 40])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument("--methods", nargs="*", default=["optuna-tpe", "optuna-random", "optuna-sobol", "runner-tpe", "runner-random"],
                        help="single-objective methods (none: only --multi); runner-sobol once Runner has `sobol:`")
    parser.add_argument("--multi", action="store_true", help="also val_accuracy vs parameters: NSGA-II and MOTPE against Runner's multi-objective TPE and random plan")
    parser.add_argument("--conditional", action="store_true", help="both sides also choose sgd(momentum) or adam(beta_1), each parameter in its branch only")
    parser.add_argument("--data", nargs="+", default=["data.train_limit=3000", "data.test_limit=500"], help="--set overrides for every run")
    parser.add_argument("--seed-aware", action="store_true", help="also plain TPE against seed-aware TPE (repeats: 2), both picks re-evaluated on fresh seeds")
    parser.add_argument("--equal", choices=["trials", "trainings"], default="trials",
                        help="--seed-aware at equal trials (seed-aware trains twice as much) or equal trainings (it makes half the trials)")
    parser.add_argument("--reevaluate", type=int, default=10, help="fresh training seeds each pick of --seed-aware is re-evaluated on")
    parser.add_argument("--label", default="latest")
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    tmp = tempfile.mkdtemp(prefix="runner-optuna-bench-")
    train = Trainer(tmp, args.data)
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load = os.getloadavg()[0]
    lines = [f"# bench/search: Runner against Optuna {optuna.__version__} ({args.label})", "",
             f"Run {started}, machine load {load:.1f} at start; results under {tmp}.",
             f"Data: {' '.join(args.data)}; 2 epochs; training seed = search seed. Seeds {args.seeds}.",
             f"Command: `{' '.join(['/usr/bin/python3', 'bench/search/optuna_vs_runner.py'] + sys.argv[1:])}`"]
    if args.methods:
        lines += ["", "## Best val_accuracy at equal trials" + (" (conditional optimizer space, both sides)" if args.conditional else ""), "",
                  "| method | trials | median best | per seed | trainings |", "|---|--:|--:|---|--:|"]
    for budget in args.budgets:
        for method in args.methods:
            bests, before = [], train.count
            for seed in args.seeds:
                if method.startswith("runner-"):
                    results = runner_search(method[len("runner-"):], budget, seed, tmp, args.data, args.conditional)
                else:
                    results = optuna_single(SINGLE[method](seed), budget, seed, train, args.conditional)
                bests.append(max(a for a, _ in results))
            trainings = train.count - before if method.startswith("optuna-") else budget * len(args.seeds)
            lines.append(f"| {method} | {budget} | {statistics.median(bests):.4f} | {', '.join(f'{b:.4f}' for b in bests)} | {trainings} |")
            print(lines[-1], flush=True)
    if args.multi:
        lines += ["", "## val_accuracy (max) vs parameters (min): hypervolume at equal trials", "",
                  "| method | trials | median hypervolume | per seed |", "|---|--:|--:|---|"]
        for budget in args.budgets:
            for method in ["optuna-nsga2", "optuna-motpe", "runner-motpe", "runner-random"]:
                volumes = []
                for seed in args.seeds:
                    points = runner_search(method[len("runner-"):], budget, seed, tmp, args.data) if method.startswith("runner-") \
                        else optuna_multi(MULTI[method](seed), budget, seed, train)
                    volumes.append(hypervolume(points))
                lines.append(f"| {method} | {budget} | {statistics.median(volumes):.4f} | {', '.join(f'{v:.4f}' for v in volumes)} |")
                print(lines[-1], flush=True)
    if args.seed_aware:
        lines += ["", f"## Seed-aware TPE (repeats: 2) against plain TPE at equal {args.equal}: the picks re-evaluated on {args.reevaluate} fresh seeds", "",
                  "| plain TPE's trials | search seed | plain TPE's pick | its mean | seed-aware pick | its mean | seed-aware at least as good |", "|--:|--:|---|--:|---|--:|---|"]
        for budget in args.budgets:
            wins = 0
            for seed in args.seeds:
                a, ma, b, mb = seed_aware(budget, seed, tmp, args.data, args.reevaluate, args.equal)
                wins += mb >= ma
                lines.append(f"| {budget} | {seed} | lr={a[0]}, units={a[1]}, batch={a[2]} | {ma:.4f} | lr={b[0]}, units={b[1]}, batch={b[2]} | {mb:.4f} | {'yes' if mb >= ma else 'no'} |")
                print(lines[-1], flush=True)
            lines.append(f"| {budget} | all | | | | | {wins} of {len(args.seeds)} (target: 4 of 5) |")
            print(lines[-1], flush=True)
    lines += ["", f"Finished {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load {os.getloadavg()[0]:.1f}.", ""]
    text = "\n".join(lines)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", f"optuna-{args.label}.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
