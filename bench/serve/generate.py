#!/usr/bin/env python3
"""Generates a large results folder for `runner serve`'s bench from a real one (a `random:` search):
its runs.csv header, metrics.csv header, experiment.yaml and sweep.json are kept; N runs of E epochs
each get made-up but plausible values (learning curves that rise and flatten, a log-uniform lr).
Usage: generate.py TEMPLATE_SWEEP_DIR OUT_DIR [--runs 10000] [--epochs 100]"""
import argparse, csv, json, math, os, random, shutil

p = argparse.ArgumentParser()
p.add_argument("template"); p.add_argument("out")
p.add_argument("--runs", type=int, default=10000); p.add_argument("--epochs", type=int, default=100)
a = p.parse_args()
rng = random.Random(1)
os.makedirs(os.path.join(a.out, "runs"), exist_ok=True)
for name in ("experiment.yaml",):
    shutil.copy(os.path.join(a.template, name), os.path.join(a.out, name))
with open(os.path.join(a.template, "runs.csv")) as f:
    header = next(csv.reader(f))
first = sorted(os.listdir(os.path.join(a.template, "runs")))[0]
with open(os.path.join(a.template, "runs", first, "metrics.csv")) as f:
    metrics_header = next(csv.reader(f))
config = open(os.path.join(a.template, "runs", first, "config.yaml")).read()
sweep = json.load(open(os.path.join(a.template, "sweep.json")))
plan = []
with open(os.path.join(a.out, "runs.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(header)
    for i in range(a.runs):
        lr = round(math.exp(rng.uniform(math.log(1e-4), math.log(1e-1))), 7); units = rng.randint(8, 512)
        quality = 0.92 - 0.08 * abs(math.log10(lr) + 2.5) + 0.00005 * units + rng.gauss(0, 0.01)
        run_id = f"lr={lr:.4g},units={units}"; directory = f"{run_id}-{i:08x}"
        plan.append(directory)
        rows = []
        for e in range(1, a.epochs + 1):
            acc = quality * (1 - math.exp(-e / 8)) + rng.gauss(0, 0.003)
            vals = {"epoch": e, "loss": 2.3 * math.exp(-e / 10) + 0.2, "accuracy": acc + 0.01, "val_loss": 2.3 * math.exp(-e / 10) + 0.25,
                    "val_accuracy": acc, "learning_rate": lr, "train_seconds": 0.5, "seconds": 0.55}
            rows.append([vals.get(c, "") for c in metrics_header])
        folder = os.path.join(a.out, "runs", directory); os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "metrics.csv"), "w", newline="") as m:
            mw = csv.writer(m); mw.writerow(metrics_header); mw.writerows(rows)
        with open(os.path.join(folder, "config.yaml"), "w") as c:
            c.write(config)
        final = dict(zip(metrics_header, rows[-1]))
        cells = {"run_id": run_id, "lr": lr, "units": units, "status": "done", "epochs": a.epochs, "loss": final["loss"], "accuracy": final["accuracy"],
                 "val_loss": final["val_loss"], "val_accuracy": final["val_accuracy"], "test_loss": final["val_loss"], "test_accuracy": final["val_accuracy"],
                 "parameters": units * 795 + 10, "seconds": 55, "hash": f"{i:08x}", "directory": directory, "reason": "", "version": "current"}
        w.writerow([cells.get(c, "") for c in header])
sweep["plan"] = plan; sweep["runs"] = a.runs
json.dump(sweep, open(os.path.join(a.out, "sweep.json"), "w"), indent=2)
