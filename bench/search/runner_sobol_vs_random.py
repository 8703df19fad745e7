#!/usr/bin/env python3
"""bench/search: Runner's `sobol:` against its `random:` at equal trials, on the real trainer (issue 22).

  bench/search/runner_sobol_vs_random.py                      # 20 and 40 trials, sweep seeds 1-5, full data: hours
  bench/search/runner_sobol_vs_random.py --tiny               # 8 trials, seeds 1-2, 1500 images, 1 epoch: minutes
  RUNNER_COMMAND="dotnet /path/runner.dll" bench/search/runner_sobol_vs_random.py ...   # a fixed build

Both run the space of space_sobol.yaml / space_random.yaml (Fashion-MNIST, lr x units x batch) with the same
trainer, data and training seed (the sweep seed), so only the points differ. Per method and budget: the best
val_accuracy of the sweep, median over the sweep seeds, and the median over seeds of the mean of all its trials
(a space covered evenly wastes fewer trials in its bad corners). Writes results/runner-sobol-vs-random[-tiny].md.
"""
import argparse, os, statistics, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from search import HERE, run, rows, best  # noqa: E402


def mean(folder):
    values = [float(r["val_accuracy"]) if r["status"] == "done" and r["val_accuracy"] else 0.0 for r in rows(folder)]
    return statistics.mean(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tiny", action="store_true", help="a reduced run on a loaded machine (8 trials, 2 seeds, 1500 images, 1 epoch)")
    parser.add_argument("--trials", type=int, nargs="+", help="budgets (default 20 40; --tiny 8)")
    parser.add_argument("--seeds", type=int, nargs="+", help="sweep seeds (default 1-5; --tiny 1 2)")
    args = parser.parse_args()
    sets = ["data.train_limit=1500", "data.test_limit=200", "train.epochs=1"] if args.tiny else []
    trials = args.trials or ([8] if args.tiny else [20, 40])
    seeds = args.seeds or ([1, 2] if args.tiny else [1, 2, 3, 4, 5])
    tmp = tempfile.mkdtemp(prefix="runner-sobol-bench-")
    lines = [f"# Runner's sobol: vs random: at equal trials ({'tiny: 1500 images, 1 epoch' if args.tiny else 'full data, 2 epochs'})", "",
             f"Results under {tmp}; sweep seeds {seeds}. Machine load at start: {os.getloadavg()[0]:.1f}.", "",
             "| method | trials | median best val_accuracy | per seed | median mean of the trials |", "|---|--:|--:|---|--:|"]
    for n in trials:
        for name in ["random", "sobol"]:
            bests, means = [], []
            for seed in seeds:
                folder = os.path.join(tmp, f"{name}-{n}-{seed}")
                run(os.path.join(HERE, f"space_{name}.yaml"), folder,
                    sets + [f"train.seed={seed}", f"sweep.{name}.seed={seed}", f"sweep.{name}.samples={n}"])
                bests.append(best(os.path.join(folder, f"search_{name}")))
                means.append(mean(os.path.join(folder, f"search_{name}")))
            lines.append(f"| {name} | {n} | {statistics.median(bests):.4f} | {', '.join(f'{b:.4f}' for b in bests)} | {statistics.median(means):.4f} |")
    text = "\n".join(lines) + "\n"
    out = os.path.join(HERE, "results", "runner-sobol-vs-random" + ("-tiny" if args.tiny else "") + ".md")
    with open(out, "w") as f:
        f.write(text)
    print(text, end="")


if __name__ == "__main__":
    main()
