#!/usr/bin/env python3
"""Summarise Scripts/evaluate-shoots' results as Markdown: per shoot, the cross-validated MSE
(scaled settings) of the fine-tuned model, the mean baseline and the guesser, their ratios and
the image-space error; per setting, the MSE pooled over every shoot; then the weights without
fine-tuning on each neutral shoot (*.neutral.json) beside every baseline, the shoots with exact
labels (named *-exact-*) apart, and with SHOOTS_DIR the label noise of the others (their
manifests' labels against the style's exact answer) and the photographs that hold most of the
model's error. Folds are pooled by photo count. Standard library only.

    Scripts/summarise_evaluation.py RESULTS_DIR [SHOOTS_DIR]
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
        without_fine_tuning(folder, neutrals, sys.argv[2] if len(sys.argv) > 2 else None)


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


# The scales of the settings' MSE (SettingDescriptor.standard): Exposure in ±5 EV, the rest ±100.
SCALES = {"Exposure2012": 5.0}


def label_noise(manifest_path, photos):
    """MSE of the style's exact answer against the labels left on `photos` (the hand's noise,
    favourites, synced bursts): what a perfect model of the style would score."""
    if not os.path.exists(manifest_path):
        return None
    with open(manifest_path, encoding="utf-8") as handle:
        by_file = {p["file"]: p for p in json.load(handle)["photos"]}
    errors = []
    for file in photos:
        photo = by_file.get(file)
        if photo is None:
            sys.exit(f"{manifest_path}: no photo {file}; the results are of another shoot")
        errors.append(sum(((photo["settings"][k] - v) / SCALES.get(k, 100.0)) ** 2 for k, v in photo["solved"].items())
                      / len(photo["solved"]))
    return sum(errors) / len(errors) if errors else None


def without_fine_tuning(folder, files, shoots):
    """The weights as given on each neutral shoot, against every baseline, MSE and ΔE: the
    labels as a photographer leaves them, then the same photos with the style's exact answer."""
    exact = [f for f in files if "-exact-" in f]
    for group, title in ((sorted(set(files) - set(exact)), "labels as a photographer leaves them (hand noise, favourites, synced bursts)"),
                         (exact, "the same photos labelled with the style's exact answer (make-shoot --exact)")):
        if group:
            neutral_table(folder, group, shoots, title)


def neutral_table(folder, files, shoots, title):
    print(f"\nWeights without fine-tuning, neutral shoots, {title}; scored on half, baselines fitted on the other half's labels:\n")
    print("| shoot | scored | model MSE | ÷ mean | ÷ guesser | ÷ nearest | ÷ ridge (stats) | ΔE model | ΔE mean | ΔE ridge | label noise |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    totals = {}
    for file in files:
        name = file[:-len(".neutral.json")]
        with open(os.path.join(folder, file), encoding="utf-8") as handle:
            result = json.load(handle)
        evaluation = result["evaluation"]
        found = predictors(evaluation["comparison"])
        count = len(evaluation["photos"])
        mse = {p: found[p].get("meanSquaredError") for p in found}
        delta = {p: found[p].get("meanDeltaE") for p in found}
        noise = label_noise(os.path.join(shoots, name, "manifest.json"), result["validationPhotos"]) if shoots else None
        for p, value in list(mse.items()) + [("label noise", noise)]:
            totals.setdefault(p, []).append((value, count))
        ridge = next((p for p in found if p.startswith("ridge")), None)
        ratio = lambda p: fmt(mse["model"] / mse[p], 2) if p and mse.get(p) else "–"
        print(f"| {name} | {count} | {fmt(mse['model'])} | {ratio('mean')} | {ratio('guesser')} | "
              f"{ratio('nearest neighbour')} | {ratio(ridge)} | {fmt(delta['model'], 2)} | {fmt(delta.get('mean'), 2)} | "
              f"{fmt(delta.get(ridge), 2)} | {fmt(noise)} |")
    model, mean, noise = pooled(totals["model"]), pooled(totals["mean"]), pooled(totals["label noise"])
    floor = f"; a perfect model of the style would score {noise / mean:.2f}× (label noise {fmt(noise)})" if noise else ""
    print(f"\nAll these shoots: model MSE {fmt(model)}, mean {fmt(mean)}: model ÷ mean **{model / mean:.3f}** (target ≤ 0.3){floor}.")
    if shoots:
        error_by_photograph(folder, files, shoots)


def error_by_photograph(folder, files, shoots, rows=5):
    """The source photographs holding the largest share of the model's squared error over these
    shoots, each with its mean ΔE and the setting that holds most of its error."""
    by_source = {}  # source -> [squared errors], {setting: summed squared error}, [ΔE]
    for file in files:
        name = file[:-len(".neutral.json")]
        with open(os.path.join(folder, file), encoding="utf-8") as handle:
            evaluation = json.load(handle)["evaluation"]
        manifest_path = os.path.join(shoots, name, "manifest.json")
        with open(manifest_path, encoding="utf-8") as handle:
            sources = {p["file"]: p["source"] for p in json.load(handle)["photos"]}
        settings = [s["name"] for s in evaluation["space"]["settings"]]
        for photo in evaluation["photos"]:
            if photo["name"] not in sources:
                sys.exit(f"{manifest_path}: no photo {photo['name']}; the results are of another shoot")
            errors, per_setting, deltas = by_source.setdefault(sources[photo["name"]], ([], {}, []))
            errors.append(photo["squaredError"])
            if photo.get("deltaE") is not None:
                deltas.append(photo["deltaE"])
            for setting, truth, predicted in zip(settings, photo["truth"], photo["prediction"]):
                if truth is not None:
                    per_setting[setting] = per_setting.get(setting, 0) + ((truth - predicted) / SCALES.get(setting, 100.0)) ** 2
    total = sum(sum(errors) for errors, _, _ in by_source.values())
    if not total:
        return
    print(f"\nWhere the model's error is ({len(by_source)} photographs; the largest shares):\n")
    print("| photograph | photos scored | share of the squared error | mean MSE | mean ΔE | most of it in |")
    print("|---|---|---|---|---|---|")
    ranked = sorted(by_source.items(), key=lambda item: -sum(item[1][0]))
    for source, (errors, per_setting, deltas) in ranked[:rows]:
        worst = max(per_setting, key=per_setting.get, default=None)
        share = sum(per_setting.values())
        most = f"{worst} ({per_setting[worst] / share:.0%})" if worst and share else "–"
        print(f"| {source} | {len(errors)} | {sum(errors) / total:.0%} | {fmt(sum(errors) / len(errors))} | "
              f"{fmt(sum(deltas) / len(deltas) if deltas else None, 2)} | {most} |")


if __name__ == "__main__":
    main()
