#!/usr/bin/env python3
"""Draw a synthetic photographer's style at random, for evaluation on styles nobody tuned on.

Targets (brightness, contrast, highlight and shadow placement, colour), habits (favourite slider
values and how hard the photographer leans on them), the hand's noise and correlation, and
favourite values the photographer snaps to are all drawn from ranges around what real edits show
(../shared/reference/real-label-stats.md: highlights pulled down, shadows lifted, exposure
raised, spikes at favourite values). Same seed, same style. Writes the style JSON that
`autotone-lab make-shoot --style FILE` reads. Standard library only.

    Scripts/random-style.py --seed 201 [--name random-201] > style.json
"""
import argparse
import json
import random

SLIDERS = ["Exposure2012", "Contrast2012", "Highlights2012", "Shadows2012", "Whites2012", "Blacks2012",
           "Vibrance", "Saturation"]
# Where a habit's value is drawn from, per slider (slider units).
HABIT_RANGES = {"Contrast2012": (-35, 40), "Highlights2012": (-80, -5), "Shadows2012": (-10, 80),
                "Whites2012": (-45, 25), "Blacks2012": (-35, 45), "Vibrance": (-20, 35), "Saturation": (-45, 20)}
# The hand's noise: (low, high) standard deviation per slider.
NOISE_RANGES = {"Exposure2012": (0.05, 0.3), "Contrast2012": (3, 14), "Highlights2012": (4, 18),
                "Shadows2012": (4, 18), "Whites2012": (3, 12), "Blacks2012": (3, 12), "Vibrance": (2, 8),
                "Saturation": (2, 8)}


def draw(seed, name):
    rng = random.Random(seed)
    targets = {
        "middleGrey": round(rng.uniform(0.36, 0.56), 3),
        "contrast": round(rng.uniform(0.11, 0.24), 3),
        "highlightCeiling": round(rng.uniform(0.85, 0.98), 3),
        "shadowFloor": round(rng.uniform(0.0, 0.12), 3),
        "whiteClipAllowance": round(rng.choice([0.0, 0.002, 0.005, 0.01, 0.02]), 3),
        "blackClipAllowance": round(rng.choice([0.0, 0.005, 0.01, 0.03]), 3),
        "colourIntensity": round(rng.uniform(0.1, 0.3), 3),
        "colourNormalisation": round(rng.uniform(0.0, 0.8), 2),
        "hdr": round(rng.uniform(0.0, 0.7), 2),
    }
    habits = {}
    for slider, (low, high) in HABIT_RANGES.items():
        if rng.random() < 0.75:
            habits[slider] = {"value": round(rng.uniform(low, high)), "weight": round(rng.uniform(0.5, 4), 1)}
    noise = {slider: round(rng.uniform(*NOISE_RANGES[slider]), 2 if slider == "Exposure2012" else 1)
             for slider in SLIDERS}
    favourites = []
    for slider in rng.sample(SLIDERS[1:], rng.randint(0, 3)):
        low, high = HABIT_RANGES[slider]
        favourites.append({"slider": slider, "value": round(rng.uniform(low, high)),
                           "radius": rng.choice([5, 8, 10, 15]), "probability": round(rng.uniform(0.2, 0.7), 2)})
    # A mild random correlation: pairs drawn among the real photographer's strongest ones.
    n = len(SLIDERS)
    correlation = [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]
    for i, j in rng.sample([(1, 4), (4, 7), (5, 7), (0, 7), (0, 3), (3, 5), (6, 7)], 3):
        value = round(rng.uniform(-0.35, 0.35), 2)
        correlation[i][j] = correlation[j][i] = value
    return {"name": name, "description": f"Drawn at random by Scripts/random-style.py --seed {seed}; "
            "used only for evaluation.", "targets": targets, "habits": habits,
            "hand": {"noise": noise, "favourites": favourites, "correlation": correlation}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--name")
    args = parser.parse_args()
    print(json.dumps(draw(args.seed, args.name or f"random-{args.seed}"), indent=2))


if __name__ == "__main__":
    main()
