#!/usr/bin/python3
"""bench/search/sobol_vs_random.py: what a scrambled Sobol' sequence buys over random points at equal trials, on a
cheap synthetic objective over bench/search's space (lr log-uniform in [3e-4, 0.3], units in [32, 256], batch one
of 32/64/128/256), so hundreds of search seeds cost seconds.

Sobol' points come from scipy.stats.qmc.Sobol (scrambled, as Optuna's QMCSampler and Runner's SobolSequence draw
them); the unit cube maps to the space as Runner's UnitCubeMapping does (log for lr, the int's [low - 1/2, high + 1/2]
rounded, option floor(u k) of a choice). The objective is smooth with its optimum inside the space (a bowl in
decades of lr, a gentle slope in units, a batch preference) plus no noise; the measure is the regret of the best
of N trials (0 is the optimum), median and 90th percentile over the seeds, and the centered L2 discrepancy of the
N points in the unit cube (lower is more even).

  /usr/bin/python3 bench/search/sobol_vs_random.py [--seeds 500]
"""
import argparse, math, statistics, warnings

import numpy as np
from scipy.stats import qmc

LR, UNITS, BATCHES = (3e-4, 0.3), (32, 256), [32, 64, 128, 256]


def to_space(u):
    lr = math.exp(math.log(LR[0]) + u[0] * (math.log(LR[1]) - math.log(LR[0])))
    units = min(max(round(UNITS[0] - 0.5 + u[1] * (UNITS[1] - UNITS[0] + 1)), UNITS[0]), UNITS[1])
    batch = BATCHES[min(int(u[2] * len(BATCHES)), len(BATCHES) - 1)]
    return lr, units, batch


def objective(lr, units, batch):
    """Best at lr = 0.03, more units a little better, batch 64 best; 0.85 at the optimum."""
    return 0.85 - 0.05 * (math.log10(lr / 0.03)) ** 2 - 0.03 * ((UNITS[1] - units) / (UNITS[1] - UNITS[0])) ** 2 \
        - 0.01 * abs(math.log2(batch / 64))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=500)
    parser.add_argument("--budgets", type=int, nargs="+", default=[20, 40])
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="The balance properties")  # 20 is not a power of 2, on purpose: the budgets users pick
    best = 0.85
    print(f"Synthetic objective, {args.seeds} search seeds; regret = {best} - best of N (lower is better).\n")
    print("| points | trials | median regret | 90th percentile regret | median centered discrepancy |")
    print("|---|--:|--:|--:|--:|")
    for n in args.budgets:
        for name in ["random", "sobol"]:
            regrets, discrepancies = [], []
            for seed in range(args.seeds):
                rng = np.random.default_rng(seed)
                points = rng.random((n, 3)) if name == "random" else qmc.Sobol(3, scramble=True, seed=seed).random(n)
                regrets.append(best - max(objective(*to_space(p)) for p in points))
                discrepancies.append(qmc.discrepancy(points, method="CD"))
            regrets.sort()
            print(f"| {name} | {n} | {statistics.median(regrets):.4f} | {regrets[int(0.9 * len(regrets))]:.4f} | {statistics.median(discrepancies):.5f} |")


if __name__ == "__main__":
    main()
