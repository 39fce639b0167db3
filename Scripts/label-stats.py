#!/usr/bin/env python3
"""Label statistics of synthetic styles, side by side with one real photographer's.

Reads the JSON lines written by `autotone-lab labels` (one row per style × scene × recipe) and
prints, per style, a Markdown table per setting (mean, std, percentiles, share exactly 0), the
correlation matrix, and the spread in scaled units, followed by the real photographer's figures
from shared/reference/real-label-stats.md for comparison. Needs numpy only.

Usage: Scripts/label-stats.py LABELS.jsonl [--style NAME ...] [--solved]
"""
import argparse
import json
import sys

import numpy as np

SETTINGS = ["Exposure2012", "Contrast2012", "Highlights2012", "Shadows2012", "Whites2012", "Blacks2012",
            "Vibrance", "Saturation"]
SHORT = ["Exp", "Con", "Hi", "Sh", "Wh", "Bl", "Vib", "Sat"]
SCALE = np.array([5, 100, 100, 100, 100, 100, 100, 100], dtype=float)

# From shared/reference/real-label-stats.md (2,588 edits, Lightroom 6.10, one photographer).
REAL = {
    "mean": [0.85, 4, -57, 54, -31, 25, 0, -39],
    "std": [0.88, 29.15, 25.48, 35.65, 18.26, 29.31, 4.73, 16.59],
    "p5": [0.00, -33, -100, 0, -38, -20, -5, -55],
    "p50": [0.71, 11, -53, 55, -37, 35, 0, -38],
    "p95": [2.50, 57, -20, 100, 10, 71, 0, -5],
    "zero": [25, 10, 0, 6, 1, 29, 84, 2],
}


def fmt(value, setting):
    return f"{value:+.2f}" if setting == "Exposure2012" else f"{value:+.0f}"


def table(values):
    lines = ["| setting | mean | std | 5% | 25% | median | 75% | 95% | exactly 0 |", "|---|---|---|---|---|---|---|---|---|"]
    for index, setting in enumerate(SETTINGS):
        column = values[:, index]
        p5, p25, p50, p75, p95 = np.percentile(column, [5, 25, 50, 75, 95])
        std = f"{column.std():.2f}"
        lines.append(f"| {setting} | {fmt(column.mean(), setting)} | {std} | {fmt(p5, setting)} | {fmt(p25, setting)} | "
                     f"{fmt(p50, setting)} | {fmt(p75, setting)} | {fmt(p95, setting)} | {100 * np.mean(column == 0):.0f}% |")
    return "\n".join(lines)


def correlations(values):
    with np.errstate(invalid="ignore", divide="ignore"):
        matrix = np.corrcoef(values.T)
    lines = ["| |" + "|".join(SHORT) + "|", "|---" * 9 + "|"]
    for row, name in enumerate(SHORT):
        cells = ["  —  " if np.isnan(v) else f"{v:+.2f}" for v in matrix[row]]
        lines.append(f"| {name} |" + "|".join(cells) + "|")
    return "\n".join(lines)


def baselines(values, shoots=200, edited=20, size=60, seed=1):
    """Mean-baseline and guesser MSE (scaled units, mean of 8) for shoots of `size` labels drawn
    from `values`, with `edited` of them known: the figures real-label-stats.md gives as 0.043
    and 0.082 for the real photographer. Note: labels drawn from many scenes, so wider than a
    real single-occasion shoot."""
    rng = np.random.default_rng(seed)
    scaled = values / SCALE
    mean_mse, guess_mse = [], []
    for _ in range(shoots):
        shoot = scaled[rng.choice(len(scaled), size=min(size, len(scaled)), replace=False)]
        known, rest = shoot[:edited], shoot[edited:]
        mean_mse.append(((rest - known.mean(axis=0)) ** 2).mean())
        guesses = rng.normal(known.mean(axis=0), known.std(axis=0), size=rest.shape)
        guess_mse.append(((rest - guesses) ** 2).mean())
    return float(np.mean(mean_mse)), float(np.mean(guess_mse))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels")
    parser.add_argument("--style", action="append", help="only these styles")
    parser.add_argument("--solved", action="store_true", help="the solver's exact answers instead of the labels")
    args = parser.parse_args()
    rows = [json.loads(line) for line in open(args.labels, encoding="utf-8") if line.strip()]
    key = "solved" if args.solved else "settings"
    styles = args.style or list(dict.fromkeys(row["style"] for row in rows))
    summary = ["| style | n | " + " | ".join(f"{s} mean±std" for s in SHORT)
               + " | std scaled (mean of 8) | mean baseline, 20 known | guesser |",
               "|---|---|" + "---|" * 11]
    for style in styles:
        values = np.array([[row[key][s] for s in SETTINGS] for row in rows if row["style"] == style], dtype=float)
        if len(values) == 0:
            sys.exit(f"no rows for style {style}")
        print(f"## {style} ({len(values)} labels{', solver only' if args.solved else ''})\n")
        print(table(values) + "\n")
        print(correlations(values) + "\n")
        scaled_std = (values / SCALE).std(axis=0)
        print("std in scaled units: " + ", ".join(f"{n} {v:.3f}" for n, v in zip(SHORT, scaled_std)) + "\n")
        summary.append(f"| {style} | {len(values)} | " + " | ".join(
            f"{fmt(values[:, i].mean(), s)}±{values[:, i].std():.{2 if i == 0 else 0}f}" for i, s in enumerate(SETTINGS))
            + f" | {scaled_std.mean():.3f} | {baselines(values)[0]:.3f} | {baselines(values)[1]:.3f} |")
    real_scaled = np.array(REAL["std"]) / SCALE
    summary.append("| **real photographer** | 2588 | " + " | ".join(
        f"{fmt(m, s)}±{sd:.{2 if i == 0 else 0}f}" for i, (s, m, sd) in enumerate(zip(SETTINGS, REAL["mean"], REAL["std"])))
        + f" | {real_scaled.mean():.3f} | 0.043 (within shoot) | 0.082 |")
    print("## Summary\n")
    print("\n".join(summary))


if __name__ == "__main__":
    main()
