#!/usr/bin/env python3
"""Contact sheet of the neutral style on photographs held out of pretraining: before | neutral.

For each held-out photograph of the corpus scenes (Scripts/make-scenes.py --set corpus; the
same hold-out rule as `autotone-lab pretrain --hold-out-every`: the distinct source photos,
sorted, every Nth from the (N-1)th), renders its first scene with `autotone-lab render`: left
the RAW-like scene with every setting at 0 (what Lightroom shows before any edit), right the
style's solved settings. Tiles them with their settings under each pair into one PNG, to look
at, and writes the settings to a JSON beside it.

    Scripts/.venv/bin/python Scripts/neutral-contact-sheet.py [--style neutral] [--out FILE]

Needs Pillow (Scripts/.venv) and a built autotone-lab ($AUTOTONE_LAB, else .build/release).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

from PIL import Image, ImageDraw

import composite_scenes  # the hold-out rule, shared with the composites (SceneFolder.split in Swift)

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))
SHOWN = ["Exposure2012", "Contrast2012", "Highlights2012", "Shadows2012", "Whites2012", "Blacks2012",
         "Vibrance", "Saturation"]


def held_out(scenes, every):
    """The first scene of each held-out source photograph, in source order."""
    # Composites (with `parts`) are never held out and do not count among the photographs.
    kept = composite_scenes.held_out_names((entry["source"] for entry in scenes if "parts" not in entry), every)
    first = {}
    for entry in scenes:
        if entry["source"] in kept and entry["source"] not in first:
            first[entry["source"]] = entry
    return [first[source] for source in sorted(first)]


def render(lab, scene, style, out):
    """Renders before | after into `out` (PPM) and returns the solved settings."""
    result = subprocess.run([lab, "render", "--scene", scene, "--out", out, "--style", style],
                            check=True, capture_output=True, text=True)
    line = result.stdout.strip().splitlines()[-1]
    pairs = line.split(": ", 1)[1].split()
    return {key: float(value) for key, value in (pair.split("=") for pair in pairs)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", default=os.path.join(ROOT, ".build/autotone-pretrain/corpus-scenes"))
    parser.add_argument("--style", default="neutral")
    parser.add_argument("--hold-out-every", type=int, default=4)
    parser.add_argument("--columns", type=int, default=3)
    parser.add_argument("--panel-width", type=int, default=300, help="width of each before or after panel")
    parser.add_argument("--out", default=os.path.join(ROOT, ".build/autotone-pretrain/neutral-contact-sheet.png"))
    args = parser.parse_args()

    lab = os.environ.get("AUTOTONE_LAB", os.path.join(ROOT, ".build/release/autotone-lab"))
    if not os.access(lab, os.X_OK):
        sys.exit(f"neutral-contact-sheet: {lab} is not built: swift build -c release --product autotone-lab")
    index = os.path.join(args.scenes, "scenes.json")
    if not os.path.exists(index):
        sys.exit(f"neutral-contact-sheet: {index} is missing: run Scripts/make-scenes.py --set corpus first")
    with open(index) as handle:
        scenes = json.load(handle)["scenes"]
    chosen = held_out(scenes, args.hold_out_every)

    tiles, records = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for number, entry in enumerate(chosen):
            ppm = os.path.join(scratch, f"{number}.ppm")
            settings = render(lab, os.path.join(args.scenes, entry["file"]), args.style, ppm)
            pair = Image.open(ppm).convert("RGB")
            width = 2 * args.panel_width
            pair = pair.resize((width, round(pair.height * width / pair.width)), Image.LANCZOS)
            tile = Image.new("RGB", (width, pair.height + 30), "white")
            tile.paste(pair, (0, 0))
            text = ImageDraw.Draw(tile)
            text.text((4, pair.height + 2), entry["source"][:40], fill="black")
            short = " ".join(f"{name[:2]}{settings.get(name, 0):+.0f}" if name != "Exposure2012"
                             else f"Ex{settings.get(name, 0):+.2f}" for name in SHOWN)
            text.text((4, pair.height + 15), short, fill="black")
            tiles.append(tile)
            records.append({"source": entry["source"], "scene": entry["file"], "settings": settings})
            print(f"{entry['source']}: {short}", flush=True)

    columns = args.columns
    rows = (len(tiles) + columns - 1) // columns
    cell_w = max(tile.width for tile in tiles) + 8
    cell_h = max(tile.height for tile in tiles) + 8
    sheet = Image.new("RGB", (columns * cell_w, rows * cell_h), (200, 200, 200))
    for number, tile in enumerate(tiles):
        sheet.paste(tile, ((number % columns) * cell_w + 4, (number // columns) * cell_h + 4))
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    sheet.save(args.out)
    with open(os.path.splitext(args.out)[0] + ".json", "w") as handle:
        json.dump({"style": args.style, "photos": records}, handle, indent=1)
    print(f"{len(tiles)} photographs: {args.out}")


if __name__ == "__main__":
    main()
