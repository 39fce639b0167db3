#!/usr/bin/env python3
"""How far each unseen photograph is from the ones pretraining learnt from, and whether the
model's error follows that distance. Every scene (make-scenes.py's PFMs) is described by the
statistics a neutral edit answers to: its log-luminance percentiles, clipped share, colour cast
and spread, saturation and fine texture, each standardised over the training photographs' scenes.
A scene's distance is to the nearest training scene; a photograph's is the mean of its scenes'.

    Scripts/corpus_distance.py CORPUS_SCENES [--hold-out-every 4] [--unseen-scenes DIR]
                               [--errors EVALUATE_SHOOTS_OUT ...]

Without --unseen-scenes the unseen photographs are those --hold-out-every holds out of
CORPUS_SCENES (SceneFolder.split); with it, every photograph of DIR. --errors reads
Scripts/evaluate-shoots output folders (results/*.neutral.json and shoots/*/manifest.json, the
exact-label shoots) of those photographs and gives the rank correlation between a photograph's
distance and its mean squared error.
"""
import argparse
import json
import os
import sys

import numpy as np

from composite_scenes import held_out_names

PERCENTILES = [1, 5, 25, 50, 75, 95, 99]


def read_pfm(path):
    """A colour PFM ('PF', little-endian, rows bottom to top) as rows top to bottom."""
    with open(path, "rb") as handle:
        if handle.readline().strip() != b"PF":
            sys.exit(f"corpus_distance: {path}: not a colour PFM")
        width, height = map(int, handle.readline().split())
        if float(handle.readline()) >= 0:
            sys.exit(f"corpus_distance: {path}: big-endian PFM; make-scenes.py writes little-endian")
        data = np.fromfile(handle, dtype="<f4", count=width * height * 3)
    if data.size != width * height * 3:
        sys.exit(f"corpus_distance: {path}: {data.size} floats, expected {width * height * 3}")
    return data.reshape(height, width, 3)[::-1]


def features(image):
    """The statistics a neutral edit answers to, on a quarter-size copy (fast; enough for them)."""
    small = image[::4, ::4].astype(np.float64)
    luminance = small @ np.array([0.2126, 0.7152, 0.0722])
    log_l = np.log2(np.maximum(luminance, 2.0 ** -14))
    lit = luminance > 2.0 ** -8
    channels = np.maximum(small[lit], 2.0 ** -14)
    red_green = np.log2(channels[:, 0] / channels[:, 1])
    blue_green = np.log2(channels[:, 2] / channels[:, 1])
    brightest = small.max(axis=2)
    saturation = np.where(brightest > 0, (brightest - small.min(axis=2)) / np.maximum(brightest, 1e-9), 0)
    texture = np.abs(np.diff(log_l, axis=0)).mean() + np.abs(np.diff(log_l, axis=1)).mean()
    return np.concatenate([
        np.percentile(log_l, PERCENTILES),
        [(luminance > 0.98).mean(), red_green.mean(), red_green.std(), blue_green.mean(), blue_green.std(),
         saturation.mean(), np.percentile(saturation, 90), texture],
    ])


def scenes_of(folder):
    """[(source photograph, scene file, features)] for every scene in FOLDER/scenes.json."""
    try:
        with open(os.path.join(folder, "scenes.json"), encoding="utf-8") as handle:
            entries = json.load(handle)["scenes"]
    except (OSError, ValueError, KeyError) as error:
        sys.exit(f"corpus_distance: {folder}/scenes.json: not a make-scenes.py folder ({error})")
    try:
        return [(e["source"], e["file"], features(read_pfm(os.path.join(folder, e["file"])))) for e in entries]
    except (OSError, ValueError, KeyError) as error:
        sys.exit(f"corpus_distance: {folder}: a scene listed in scenes.json cannot be read ({error})")


def errors_by_source(folders):
    """{source photograph: mean squared error over the exact-label shoots' scored photos}."""
    found = {}
    for folder in folders:
        results = os.path.join(folder, "results")
        if not os.path.isdir(results):
            sys.exit(f"corpus_distance: {results}: no such folder (run Scripts/evaluate-shoots --out {folder} first)")
        for name in sorted(os.listdir(results)):
            if not (name.endswith(".neutral.json") and "-exact-" in name):
                continue
            path = os.path.join(results, name)
            manifest = os.path.join(folder, "shoots", name[:-len(".neutral.json")], "manifest.json")
            try:
                with open(path, encoding="utf-8") as handle:
                    photos = json.load(handle)["evaluation"]["photos"]
                with open(manifest, encoding="utf-8") as handle:
                    sources = {p["file"]: p["source"] for p in json.load(handle)["photos"]}
                for photo in photos:
                    found.setdefault(sources[photo["name"]], []).append(photo["squaredError"])
            except (OSError, ValueError, KeyError) as error:
                sys.exit(f"corpus_distance: {path} with {manifest}: not an evaluate-shoots result and its shoot ({error})")
    if not found:
        sys.exit(f"corpus_distance: no exact-label neutral shoots in {', '.join(folders)} (evaluate-shoots --neutral-only)")
    return {source: float(np.mean(errors)) for source, errors in found.items()}


def rank_correlation(xs, ys):
    """Spearman's rho (ties get their mean rank)."""
    def ranks(values):
        order = np.argsort(values, kind="stable")
        result = np.empty(len(values))
        result[order] = np.arange(len(values))
        for value in set(values):
            tied = np.array(values) == value
            result[tied] = result[tied].mean()
        return result
    return float(np.corrcoef(ranks(xs), ranks(ys))[0, 1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("--hold-out-every", type=int, default=4)
    parser.add_argument("--unseen-scenes")
    parser.add_argument("--errors", nargs="*", default=[])
    args = parser.parse_args()

    corpus = scenes_of(args.corpus)
    held_out = held_out_names([source for source, _, _ in corpus], args.hold_out_every)
    training = [(s, f, v) for s, f, v in corpus if s not in held_out]
    unseen = scenes_of(args.unseen_scenes) if args.unseen_scenes else [e for e in corpus if e[0] in held_out]
    if not training or not unseen:
        sys.exit(f"corpus_distance: {len(training)} training and {len(unseen)} unseen scenes; need both")

    train = np.array([v for _, _, v in training])
    mean, spread = train.mean(axis=0), train.std(axis=0) + 1e-9
    train = (train - mean) / spread

    sources = np.array([source for source, _, _ in training])

    def nearest(vector, own_source=None):
        """Distance to the nearest training scene, leaving out own_source's own scenes."""
        distances = np.sqrt(((train - (vector - mean) / spread) ** 2).sum(axis=1))
        return float(distances[sources != own_source].min())

    by_source = {}
    for source, _, vector in unseen:
        by_source.setdefault(source, []).append(nearest(vector))
    distances = {source: float(np.mean(values)) for source, values in by_source.items()}
    # The training photographs' own distance, each to the nearest scene of another training photograph.
    own = {}
    for source, _, vector in training:
        own.setdefault(source, []).append(nearest(vector, own_source=source))
    own_median = float(np.median([np.mean(values) for values in own.values()]))

    label = args.unseen_scenes or f"{args.corpus} (held out, every {args.hold_out_every})"
    print(f"Distance to the nearest training scene ({len(training)} scenes of {len(own)} photographs; "
          f"{len(PERCENTILES) + 8} standardised statistics):\n")
    print("| photographs | count | median | quartiles |")
    print("|---|---|---|---|")
    own_values = [np.mean(values) for values in own.values()]
    print(f"| training (to another training photograph) | {len(own)} | {own_median:.2f} | "
          f"{np.percentile(own_values, 25):.2f}–{np.percentile(own_values, 75):.2f} |")
    values = list(distances.values())
    print(f"| unseen: {label} | {len(values)} | {np.median(values):.2f} | "
          f"{np.percentile(values, 25):.2f}–{np.percentile(values, 75):.2f} |")
    print("\nFurthest unseen photographs: " + ", ".join(
        f"{source} {distance:.2f}" for source, distance in sorted(distances.items(), key=lambda item: -item[1])[:6]))

    if args.errors:
        errors = errors_by_source(args.errors)
        shared = sorted(set(errors) & set(distances))
        if len(shared) < 3:
            sys.exit(f"corpus_distance: only {len(shared)} photographs both scored and measured; wrong --errors folder?")
        rho = rank_correlation([distances[s] for s in shared], [errors[s] for s in shared])
        print(f"\nRank correlation of distance and mean squared error (exact labels) over {len(shared)} photographs: {rho:+.2f}")


if __name__ == "__main__":
    main()
