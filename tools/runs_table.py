#!/usr/bin/env python3
"""Summarises run directories for docs/recipes.md: one markdown row per run.

Usage: tools/runs_table.py RUN_DIR...  (reads metrics.jsonl, random_init.json, config.yaml)
Columns: run, epochs done, training minutes (sum of the epochs' seconds), kNN 1-NN and
weighted 20-NN of each evaluated epoch (last one first), pairs/s of the last epoch.
"""
import json
import sys
from pathlib import Path


def row(run: Path) -> str:
    epochs = []
    metrics = run / "metrics.jsonl"
    if metrics.exists():
        for line in metrics.read_text().splitlines():
            record = json.loads(line)
            if record.get("type") == "epoch":
                epochs.append(record)
    if not epochs:
        return f"| {run.name} | 0 | – | – | – | – |"
    minutes = sum(e["seconds"] for e in epochs) / 60
    curve = [f"{e['knn']['knn1'] * 100:.2f} / {e['knn']['knn20'] * 100:.2f}"
             for e in epochs if e.get("knn")]
    last = curve[-1] if curve else "–"
    history = ", ".join(curve)
    return (f"| {run.name} | {len(epochs)} | {minutes:.1f} | {last} | {history} | "
            f"{epochs[-1]['pairs_per_second']:.0f} |")


def main() -> None:
    print("| run | epochs | train min | kNN 1 / 20w (last) | per epoch | pairs/s |")
    print("|---|---|---|---|---|---|")
    for arg in sys.argv[1:]:
        if Path(arg).is_dir():  # a shell glob may also match the runner's marker files
            print(row(Path(arg)))


if __name__ == "__main__":
    main()
