#!/usr/bin/env python3
"""Compare two weights on the same neutral shoots, photo by photo: is the difference larger than
the photos' own spread? Reads two Scripts/evaluate-shoots output folders (RESULTS/*.neutral.json
of the same shoots, e.g. the shipped weights' and a candidate's, both with --neutral-only and the
same --neutral-seeds; each shoot's manifest under OUT/shoots names every photo's source
photograph) and prints, for the exact-label shoots and the others apart, each side's pooled MSE
and mean ΔE, the candidate ÷ baseline ratio of each, how many shoots went each way, and 95 % paired
bootstrap intervals of both ratios that resamples source photographs with replacement, each with all
its photos in every shoot (the shoots are cut from the same photographs, so their photos are not
independent: resampling photos would be too sure). Standard library only.

    Scripts/compare_neutral.py BASELINE_OUT CANDIDATE_OUT [--draws 2000] [--seed 1]
"""
import argparse
import json
import os
import random
import sys


def per_photo(folder):
    """{shoot: {photo: (squared error, ΔE, source photograph)}} for every neutral shoot in FOLDER/results."""
    results = os.path.join(folder, "results")
    if not os.path.isdir(results):
        sys.exit(f"compare_neutral: {results}: no such folder (run Scripts/evaluate-shoots --out {folder} first)")
    shoots = {}
    for name in sorted(os.listdir(results)):
        if not name.endswith(".neutral.json"):
            continue
        shoot = name[:-len(".neutral.json")]
        path, manifest = os.path.join(results, name), os.path.join(folder, "shoots", shoot, "manifest.json")
        try:
            with open(path, encoding="utf-8") as handle:
                photos = json.load(handle)["evaluation"]["photos"]
        except (OSError, ValueError, KeyError) as error:
            sys.exit(f"compare_neutral: {path}: not an evaluate --json result ({error})")
        try:
            with open(manifest, encoding="utf-8") as handle:
                sources = {p["file"]: p["source"] for p in json.load(handle)["photos"]}
        except (OSError, ValueError, KeyError) as error:
            sys.exit(f"compare_neutral: {manifest}: not the shoot's make-shoot manifest ({error})")
        missing = [p["name"] for p in photos if p["name"] not in sources]
        if missing:
            sys.exit(f"compare_neutral: {manifest}: no photo {missing[0]}; the results are of another shoot")
        shoots[shoot] = {p["name"]: (p["squaredError"], p.get("deltaE"), sources[p["name"]]) for p in photos}
    if not shoots:
        sys.exit(f"compare_neutral: {results} holds no *.neutral.json")
    return shoots


def pooled(pairs, index):
    values = [pair[index] for pair in pairs if pair[index] is not None]
    return sum(values) / len(values) if values else float("nan")


def interval(values):
    """The central 95 % of bootstrap values (NaN where a draw had no ΔE)."""
    ordered = sorted(v for v in values if v == v)
    if not ordered:
        return float("nan"), float("nan")
    return ordered[int(0.025 * len(ordered))], ordered[int(0.975 * len(ordered)) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("baseline")
    parser.add_argument("candidate")
    parser.add_argument("--draws", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    base, cand = per_photo(args.baseline), per_photo(args.candidate)
    if set(base) != set(cand):
        sys.exit(f"compare_neutral: the folders hold different shoots: {sorted(set(base) ^ set(cand))}")
    rng = random.Random(args.seed)
    print("| labels | shoots | photos | photographs | MSE baseline | MSE candidate | ratio | 95 % interval | shoots better / worse "
          "| ΔE baseline | ΔE candidate | ΔE ratio | 95 % interval |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for exact in (True, False):
        names = [n for n in sorted(base) if ("-exact-" in n) == exact]
        if not names:
            continue
        paired = {}
        for name in names:
            if set(base[name]) != set(cand[name]):
                sys.exit(f"compare_neutral: shoot {name} scores other photos in the two folders")
            paired[name] = [(base[name][p], cand[name][p]) for p in sorted(base[name])]
        everything = [pair for name in names for pair in paired[name]]
        b = pooled([x for x, _ in everything], 0)
        c = pooled([y for _, y in everything], 0)
        better = sum(pooled([y for _, y in paired[n]], 0) < pooled([x for x, _ in paired[n]], 0) for n in names)
        by_source = {}
        for pair in everything:
            by_source.setdefault(pair[0][2], []).append(pair)
        sources = sorted(by_source)
        # One set of draws for both measures: the MSE's interval is the same with or without ΔE's.
        ratios, colour_ratios = [], []
        for _ in range(args.draws):
            draw = [pair for source in rng.choices(sources, k=len(sources)) for pair in by_source[source]]
            ratios.append(pooled([y for _, y in draw], 0) / pooled([x for x, _ in draw], 0))
            colour_ratios.append(pooled([y for _, y in draw], 1) / pooled([x for x, _ in draw], 1))
        low, high = interval(ratios)
        colour_low, colour_high = interval(colour_ratios)
        colour_b, colour_c = pooled([x for x, _ in everything], 1), pooled([y for _, y in everything], 1)
        print(f"| {'exact' if exact else 'photographer'} | {len(names)} | {len(everything)} | {len(sources)} | {b:.5f} | {c:.5f} | "
              f"{c / b:.3f} | {low:.3f}–{high:.3f} | {better} / {len(names) - better} | "
              f"{colour_b:.3f} | {colour_c:.3f} | {colour_c / colour_b:.3f} | {colour_low:.3f}–{colour_high:.3f} |")


if __name__ == "__main__":
    main()
