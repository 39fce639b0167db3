#!/usr/bin/env python3
"""Measures `autotone suggest` on synthetic shoots whose every photo carries the photographer's
edit (made by `Scripts/make-shoot --edited N` with N the shoot's size): per shoot it learns
(`autotone finetune`, default closed-form learner) from 10 and from 20 photos chosen by
`suggest --ignore-edits`, by capture time (the first ones), and at random (--draws draws), and
scores the photos not chosen against the shoot's manifest (`predict --dry-run`): mean squared
error in the network's scaled units (exposure / 5, the others / 100). Prints a Markdown table.
Standard library only; the release build of autotone must exist.

    Scripts/evaluate-suggest.py --out DIR [--draws 10] [--seed 1] [--lambda-scales 1] SHOOT...

--lambda-scales 0.1,1,10 measures suggest with each (for choosing it); the table shows the first.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AUTOTONE = os.path.join(ROOT, ".build", "release", "autotone")
SCALES = {"Exposure2012": 5.0}


def run(arguments):
    result = subprocess.run([AUTOTONE] + arguments, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"autotone {' '.join(arguments[:2])}…: {result.stderr.strip()}")
    return result.stdout


def score(shoot, chosen, manifest, out, cache, tag):
    """MSE on the photos not in `chosen` after learning from `chosen`."""
    model = os.path.join(out, tag + ".safetensors")
    run(["finetune"] + [os.path.join(shoot, name) for name in chosen]
        + ["--out", model, "--cache-dir", cache, "--json", "--force"])
    rest = [p["file"] for p in manifest["photos"] if p["file"] not in set(chosen)]
    lines = run(["predict"] + [os.path.join(shoot, name) for name in rest]
                + ["--weights", model, "--dry-run", "--json", "--no-confidence", "--dng-sidecars", "--repredict", "--overwrite-edited"])
    truth = {p["file"]: p["settings"] for p in manifest["photos"]}
    errors = []
    for line in lines.splitlines():
        record = json.loads(line)
        settings = record.get("settings")
        if not settings:
            continue
        name = os.path.basename(record["path"])
        errors.append(statistics.fmean(((settings[k] - v) / SCALES.get(k, 100.0)) ** 2
                                       for k, v in truth[name].items()))
    return statistics.fmean(errors)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--draws", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lambda-scales", default="1")
    parser.add_argument("--trait-weight", default="0", help="suggest's --trait-weight (exploring)")
    parser.add_argument("--suggested-only", action="store_true", help="skip the baselines (exploring options)")
    parser.add_argument("shoots", nargs="+")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    cache = os.path.join(args.out, "cache")
    rows = []
    for shoot in args.shoots:
        name = os.path.basename(os.path.normpath(shoot))
        manifest = json.load(open(os.path.join(shoot, "manifest.json")))
        files = [p["file"] for p in sorted(manifest["photos"], key=lambda p: p["captureTime"])]
        result = {"shoot": name, "photos": len(files)}
        for index, scale in enumerate(args.lambda_scales.split(",")):
            plan = json.loads(run(["suggest", shoot, "--count", "20", "--ignore-edits", "--json", "--cache-dir", cache,
                                   "--lambda-scale", scale, "--trait-weight", args.trait_weight]))
            suggested = [os.path.basename(p["path"]) for p in plan["photos"]]
            for count in (10, 20):
                key = f"suggested {count}" + ("" if index == 0 else f" λ{scale}")
                result[key] = score(shoot, suggested[:count], manifest, args.out, cache, f"{name}-s{count}-{scale}")
        rng = random.Random(args.seed)
        for count in (10, 20) if not args.suggested_only else ():
            result[f"first {count}"] = score(shoot, files[:count], manifest, args.out, cache, f"{name}-f{count}")
            draws = [score(shoot, rng.sample(files, count), manifest, args.out, cache, f"{name}-r{count}")
                     for _ in range(args.draws)]
            result[f"random {count}"] = statistics.fmean(draws)
            result[f"random {count} sd"] = statistics.stdev(draws) if len(draws) > 1 else 0.0
        rows.append(result)
        print(json.dumps(result), file=sys.stderr)
        if args.suggested_only:
            continue
    json.dump(rows, open(os.path.join(args.out, "results.json"), "w"), indent=1)
    if args.suggested_only:
        return
    print("| shoot | photos | suggested 10 | first 10 | random 10 (± sd) | suggested 20 | first 20 | random 20 (± sd) "
          "| suggested 20 ÷ random 20 | suggested 10 ÷ random 20 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['shoot']} | {r['photos']} | {r['suggested 10']:.4f} | {r['first 10']:.4f} | "
              f"{r['random 10']:.4f} ± {r['random 10 sd']:.4f} | {r['suggested 20']:.4f} | {r['first 20']:.4f} | "
              f"{r['random 20']:.4f} ± {r['random 20 sd']:.4f} | {r['suggested 20'] / r['random 20']:.2f} | "
              f"{r['suggested 10'] / r['random 20']:.2f} |")
    mean = lambda key: statistics.fmean(r[key] for r in rows)
    print(f"| **mean** | | {mean('suggested 10'):.4f} | {mean('first 10'):.4f} | {mean('random 10'):.4f} | "
          f"{mean('suggested 20'):.4f} | {mean('first 20'):.4f} | {mean('random 20'):.4f} | "
          f"{statistics.fmean(r['suggested 20'] / r['random 20'] for r in rows):.2f} | "
          f"{statistics.fmean(r['suggested 10'] / r['random 20'] for r in rows):.2f} |")


if __name__ == "__main__":
    main()
