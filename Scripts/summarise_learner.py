#!/usr/bin/env python3
"""Summarise Scripts/evaluate-learner's results as Markdown: per shoot, the held-out MSE
(scaled settings) of the fine-tuned model and of every baseline, the model's ratio to the mean
and to the image-statistics ridge, ΔE (mean, median, 90th percentile over photos), Spearman's
correlation of the model's confidence with its error and the error of the least confident tenth
against the rest, and the fine-tune wall time; over all shoots, also the labels' own noise (their
manifests' labels against the style's exact answer: what a perfect model would score); then the
MSE per setting pooled over shoots. Standard library only.

    Scripts/summarise_learner.py RESULTS_DIR
"""
import json
import os
import statistics
import sys

from summarise_evaluation import label_noise


def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def spearman(a, b):
    if len(a) < 3:
        return None
    x, y = ranks(a), ranks(b)
    mx, my = sum(x) / len(x), sum(y) / len(y)
    sxy = sum((u - mx) * (v - my) for u, v in zip(x, y))
    sxx = sum((u - mx) ** 2 for u in x)
    syy = sum((v - my) ** 2 for v in y)
    return sxy / (sxx * syy) ** 0.5 if sxx > 0 and syy > 0 else None


def fmt(value, digits=2):
    return "–" if value is None else f"{value:.{digits}f}"


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main():
    folder = sys.argv[1]
    names = sorted(f[:-len(".json")] for f in os.listdir(folder) if f.endswith(".json"))
    if not names:
        sys.exit(f"no results in {folder}")
    print("| shoot | edits | scored | model MSE | ÷ mean | ÷ ridge (stats) | ÷ nearest | ÷ guesser | ΔE model mean / median / p90 | ΔE mean | ΔE ridge | Spearman(conf, err) | least confident 10 % ÷ rest | fine-tune s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    ratios = {"mean": [], StatsName: [], "nearest neighbour": [], "guesser": []}
    pooled = {}
    per_setting = {}
    spearmans, medians, noises = [], [], []
    for name in names:
        with open(os.path.join(folder, name + ".json"), encoding="utf-8") as handle:
            result = json.load(handle)
        evaluation = result["evaluation"]
        comparison = evaluation["comparison"]
        model = comparison["model"]
        baselines = {b["name"]: b for b in comparison["baselines"]}
        for key in ratios:
            ratios[key].append(baselines[key]["modelRatio"]["meanSquaredError"])
        for predictor, metrics in [("model", model)] + [(k, v["metrics"]) for k, v in baselines.items()]:
            pooled.setdefault(predictor, []).append(metrics["meanSquaredError"])
            for setting in metrics["settings"]:
                per_setting.setdefault((predictor, setting["name"]), []).append(setting["meanSquaredError"])
        photos = evaluation["photos"]
        shoot = (result["record"].get("shoots") or [""])[0]
        noises.append(label_noise(os.path.join(shoot, "manifest.json"), [p["name"] for p in photos]))
        errors = [p["squaredError"] for p in photos]
        deltas = [p["deltaE"] for p in photos if p.get("deltaE") is not None]
        confidences = [p.get("confidence") for p in photos]
        rho, tenth = None, None
        if all(c is not None for c in confidences):
            rho = spearman(confidences, errors)
            order = sorted(range(len(photos)), key=lambda i: confidences[i])
            k = max(1, len(photos) // 10)
            low, rest = [errors[i] for i in order[:k]], [errors[i] for i in order[k:]]
            tenth = (sum(low) / len(low)) / (sum(rest) / len(rest)) if rest and sum(rest) > 0 else None
            spearmans.append(rho)
        median = statistics.median(deltas) if deltas else None
        if median is not None:
            medians.append(median)
        print(f"| {name} | {evaluation['trainingCount']} | {len(photos)} | {fmt(model['meanSquaredError'], 4)} "
              f"| {fmt(baselines['mean']['modelRatio']['meanSquaredError'])} "
              f"| {fmt(baselines[StatsName]['modelRatio']['meanSquaredError'])} "
              f"| {fmt(baselines['nearest neighbour']['modelRatio']['meanSquaredError'])} "
              f"| {fmt(baselines['guesser']['modelRatio']['meanSquaredError'])} "
              f"| {fmt(model.get('meanDeltaE'), 1)} / {fmt(median, 1)} / {fmt(percentile(deltas, 90) if deltas else None, 1)} "
              f"| {fmt(baselines['mean']['metrics'].get('meanDeltaE'), 1)} | {fmt(baselines[StatsName]['metrics'].get('meanDeltaE'), 1)} "
              f"| {fmt(rho)} | {fmt(tenth)} | {fmt(result.get('seconds'), 1)} |")
    def mean(values):
        values = [v for v in values if v is not None]
        return sum(values) / len(values) if values else None
    print()
    total_model = mean(pooled["model"])
    print(f"Over all shoots (mean of the shoots' MSEs): model {fmt(total_model, 4)}, "
          + ", ".join(f"{k} {fmt(mean(v), 4)}" for k, v in pooled.items() if k != "model")
          + f"; model ÷ mean {fmt(total_model / mean(pooled['mean']))}, model ÷ ridge (stats) "
          f"{fmt(total_model / mean(pooled[StatsName]))}; worst shoot ÷ mean {fmt(max(ratios['mean']))}; "
          f"shoots below the ridge: {sum(r < 1 for r in ratios[StatsName])} of {len(names)}; "
          f"median ΔE (mean over shoots) {fmt(mean(medians), 1)}; Spearman mean {fmt(mean(spearmans))}"
          + (f"; the labels' own noise (hand, favourites, synced bursts) {fmt(mean(noises), 4)}: a perfect model of "
             f"the style would score {fmt(mean(noises) / mean(pooled['mean']))}× the mean" if mean(noises) is not None else "")
          + ".")
    print()
    settings = [s["name"] for s in model["settings"]]
    print("| MSE per setting, mean over shoots | " + " | ".join(settings) + " |")
    print("|---|" + "---|" * len(settings))
    for predictor in pooled:
        print(f"| {predictor} | " + " | ".join(fmt(mean(per_setting[(predictor, s)]), 4) for s in settings) + " |")


StatsName = "ridge (image stats)"

if __name__ == "__main__":
    main()
