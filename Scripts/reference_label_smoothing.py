#!/usr/bin/env python3
"""Reference values for AutoTone's label smoothing (Sources/Training/LabelSmoothing.swift).

Writes Tests/Golden/label-smoothing.json: fixed label sequences (scaled units, in capture-time
order) and what the two filters must make of them, computed independently of the Swift code:
- the centred moving average with the window cut at the ends, by pandas' definition
  rolling(window, center=True, min_periods=1).mean(), written here in plain numpy;
- scipy.ndimage.gaussian_filter1d(values, sigma) with its defaults (truncate 4.0, mode 'reflect').

Run: python3 Scripts/reference_label_smoothing.py   (needs numpy and scipy)
"""
import json
import pathlib

import numpy as np
import scipy
from scipy.ndimage import gaussian_filter1d


def moving_average(values, window):
    half = window // 2
    n = len(values)
    return [float(np.mean(values[max(0, i - half):min(n, i + half + 1)])) for i in range(n)]


def main():
    sequences = {
        # 17 exposure-like values with a jump, a spike and a drift.
        "long": [0.12, 0.15, 0.11, 0.18, 0.16, 0.42, 0.40, 0.44, -0.05, 0.39, 0.41,
                 0.30, 0.28, 0.25, 0.21, 0.20, 0.16],
        # Shorter than most windows and kernels: exercises the ends and repeated reflection.
        "short": [-0.55, -0.38, -0.38, 0.10],
        "single": [0.7],
    }
    windows = [1, 3, 5, 9]
    sigmas = [0.5, 1.0, 2.5, 6.0]
    cases = []
    for name, values in sequences.items():
        array = np.array(values, dtype=np.float64)
        cases.append({
            "name": name,
            "values": values,
            "movingAverage": [{"window": w, "expected": moving_average(array, w)} for w in windows],
            "gaussian": [{"sigma": s, "expected": gaussian_filter1d(array, s).tolist()} for s in sigmas],
        })
    out = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "Golden" / "label-smoothing.json"
    out.write_text(json.dumps({
        "generator": "Scripts/reference_label_smoothing.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "cases": cases,
    }, indent=1) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
