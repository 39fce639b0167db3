#!/usr/bin/env python3
"""Summarise Scripts/evaluate-shoots' results as Markdown: per shoot, the cross-validated MSE
(scaled settings) of the fine-tuned model, the mean baseline and the guesser, their ratios and
the image-space error; per setting, the MSE pooled over every shoot; then the weights without
fine-tuning on each neutral shoot (*.neutral.json) beside every baseline. Folds are pooled by
photo count. Standard library only.

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
    neutrals = sorted(f for f in os.listdir(folder) if f.endswith(".neutral.json"))
    if not names and not neutrals:
        sys.exit(f"no *.cv.json or *.neutral.json in {folder}")
    if names:
        fine_tuned(folder, names)
    if neutrals:
        without_fine_tuning(folder, neutrals)


def fine_tuned(folder, names):
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


def without_fine_tuning(folder, files):
    """The weights as given on each neutral shoot, against every baseline, MSE and ΔE."""
    print("\nWeights without fine-tuning, neutral shoots (scored on half, baselines fitted on the other half's labels):\n")
    print("| shoot | scored | model MSE | ÷ mean | ÷ guesser | ÷ nearest | ÷ ridge (stats) | ΔE model | ΔE mean | ΔE ridge |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    totals = {}
    for file in files:
        with open(os.path.join(folder, file), encoding="utf-8") as handle:
            evaluation = json.load(handle)["evaluation"]
        found = predictors(evaluation["comparison"])
        count = len(evaluation["photos"])
        mse = {p: found[p].get("meanSquaredError") for p in found}
        delta = {p: found[p].get("meanDeltaE") for p in found}
        for p in found:
            totals.setdefault(p, []).append((mse[p], count))
        ridge = next((p for p in found if p.startswith("ridge")), None)
        ratio = lambda p: fmt(mse["model"] / mse[p], 2) if p and mse.get(p) else "–"
        print(f"| {file[:-len('.neutral.json')]} | {count} | {fmt(mse['model'])} | {ratio('mean')} | {ratio('guesser')} | "
              f"{ratio('nearest neighbour')} | {ratio(ridge)} | {fmt(delta['model'], 2)} | {fmt(delta.get('mean'), 2)} | "
              f"{fmt(delta.get(ridge), 2)} |")
    model, mean = pooled(totals["model"]), pooled(totals["mean"])
    print(f"\nAll neutral shoots: model MSE {fmt(model)}, mean {fmt(mean)}: model ÷ mean **{model / mean:.2f}** (target ≤ 0.3).")


if __name__ == "__main__":
    main()
