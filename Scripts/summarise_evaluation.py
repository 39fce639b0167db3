#!/usr/bin/env python3
"""Summarise Scripts/evaluate-shoots' results as Markdown: per shoot, the cross-validated MSE
(scaled settings) of the fine-tuned model, the mean baseline and the guesser, their ratios and
the image-space error; per setting, the MSE pooled over every shoot; then the shipped weights on
the neutral shoot. Folds are pooled by photo count. Standard library only.

    Scripts/summarise_evaluation.py RESULTS_DIR
"""
import json
import os
import sys


def pooled(entries):
    """Photo-weighted mean of (value, photos) pairs, ignoring missing values."""
    pairs = [(v, n) for v, n in entries if v is not None]
    total = sum(n for _, n in pairs)
    return sum(v * n for v, n in pairs) / total if total else None


def predictors(comparison):
    """{name: metrics} for the model and each baseline."""
    return {"model": comparison["model"], **{b["name"]: b["metrics"] for b in comparison["baselines"]}}


def fmt(value, digits=4):
    return "–" if value is None else f"{value:.{digits}f}"


def main():
    folder = sys.argv[1]
    names = sorted(f[:-len(".cv.json")] for f in os.listdir(folder) if f.endswith(".cv.json"))
    if not names:
        sys.exit(f"no *.cv.json in {folder}")
    print("| shoot (style) | photos | model MSE | mean MSE | guesser MSE | model ÷ mean | model ÷ guesser | ΔE model | ΔE mean |")
    print("|---|---|---|---|---|---|---|---|---|")
    per_setting = {}  # (predictor, setting) -> [(mse, n)]
    totals = {}  # predictor -> [(mse, n)]
    ratios_mean, ratios_guesser = [], []
    for name in names:
        with open(os.path.join(folder, name + ".cv.json"), encoding="utf-8") as handle:
            result = json.load(handle)
        figures, delta, photos = {}, {}, 0
        for fold in result["folds"]:
            count = len(fold["photos"])
            photos += count
            for predictor, metrics in predictors(fold["comparison"]).items():
                figures.setdefault(predictor, []).append((metrics.get("meanSquaredError"), count))
                delta.setdefault(predictor, []).append((metrics.get("meanDeltaE"), count))
                totals.setdefault(predictor, []).append((metrics.get("meanSquaredError"), count))
                for setting in metrics["settings"]:
                    per_setting.setdefault((predictor, setting["name"]), []).append((setting.get("meanSquaredError"), count))
        model, mean, guesser = (pooled(figures[p]) for p in ("model", "mean", "guesser"))
        ratios_mean.append(model / mean)
        ratios_guesser.append(model / guesser)
        print(f"| {name} | {photos} | {fmt(model)} | {fmt(mean)} | {fmt(guesser)} | {model / mean:.2f} | "
              f"{model / guesser:.2f} | {fmt(pooled(delta['model']), 2)} | {fmt(pooled(delta['mean']), 2)} |")
    model, mean, guesser = (pooled(totals[p]) for p in ("model", "mean", "guesser"))
    print(f"| **all shoots** | | {fmt(model)} | {fmt(mean)} | {fmt(guesser)} | **{model / mean:.2f}** | "
          f"**{model / guesser:.2f}** | | |")
    print(f"\nRatio per shoot: model ÷ mean {min(ratios_mean):.2f}–{max(ratios_mean):.2f}, "
          f"model ÷ guesser {min(ratios_guesser):.2f}–{max(ratios_guesser):.2f}. "
          "Targets: ≤ 0.5 and ≤ 0.25.\n")
    settings = []
    for predictor, setting in per_setting:
        if setting not in settings:
            settings.append(setting)
    print("| setting (MSE, scaled, all shoots) | model | mean | guesser | model ÷ mean |")
    print("|---|---|---|---|---|")
    for setting in settings:
        m, b, g = (pooled(per_setting[(p, setting)]) for p in ("model", "mean", "guesser"))
        print(f"| {setting} | {fmt(m)} | {fmt(b)} | {fmt(g)} | {fmt(m / b if m is not None and b else None, 2)} |")
    neutral = os.path.join(folder, "neutral.json")
    if os.path.exists(neutral):
        with open(neutral, encoding="utf-8") as handle:
            evaluation = json.load(handle)["evaluation"]
        found = predictors(evaluation["comparison"])
        m, b, g = (found[p].get("meanSquaredError") for p in ("model", "mean", "guesser"))
        print(f"\nShipped weights, no fine-tuning, neutral shoot ({len(evaluation['photos'])} validation photos, "
              f"mean of {evaluation['trainingCount']} training labels): model MSE {fmt(m)}, mean {fmt(b)}, "
              f"guesser {fmt(g)}: model ÷ mean **{m / b:.2f}** (target ≤ 0.3), model ÷ guesser {m / g:.2f}.")


if __name__ == "__main__":
    main()
