#!/usr/bin/env python3
"""Cut RAW-like scene sources out of real photographs shipped in Debian packages.

For each photograph listed in PHOTOS (from plasma-workspace-wallpapers), this makes a few
seeded 3:2 crops (random zoom, position and mirror), resizes them, undoes the sRGB transfer
function and writes each as a Portable Float Map (PFM, little-endian, display-linear RGB).
The Swift tool `autotone-lab make-shoot` turns those into DNGs (base-curve inversion,
flattening, exposure error, sensor noise, Bayer mosaic).

Writes OUT/scene-NNN.pfm, OUT/scenes.json (source, crop, licence of each scene) and
OUT/SOURCES.md. Needs numpy and Pillow (a data script only: `Scripts/.venv`, see make-shoot).

Not used here, kept for independent evaluation: mate-backgrounds, lomiri-wallpapers, opencv-doc.
"""
import argparse
import json
import os
import random
import sys

import numpy as np
from PIL import Image

WALLPAPERS = "/usr/share/wallpapers"
# The photographs among plasma-workspace-wallpapers (the others are renders or drawings).
PHOTOS = ["BytheWater", "ColdRipple", "ColorfulCups", "DarkestHour", "EveningGlow", "FallenLeaf",
          "Grey", "Kite", "OneStandsOut", "Path", "summer_1am"]
PACKAGE = "plasma-workspace-wallpapers"


def source_info(name):
    """Largest image file and licence/author metadata of one wallpaper."""
    folder = os.path.join(WALLPAPERS, name)
    with open(os.path.join(folder, "metadata.json"), encoding="utf-8") as handle:
        plugin = json.load(handle)["KPlugin"]
    images = os.path.join(folder, "contents", "images")
    files = [f for f in os.listdir(images) if f.lower().endswith((".jpg", ".jpeg", ".png"))]

    def pixels(filename):
        stem = os.path.splitext(filename)[0]
        try:
            width, height = (int(v) for v in stem.split("x"))
            return width * height
        except ValueError:
            return 0
    best = max(files, key=pixels)
    author = plugin.get("Authors", [{}])[0].get("Name", "unknown")
    return {"name": name, "file": os.path.join(images, best), "author": author,
            "licence": plugin.get("License", "unknown"), "package": PACKAGE}


def srgb_to_linear(encoded):
    return np.where(encoded <= 0.04045, encoded / 12.92, ((encoded + 0.055) / 1.055) ** 2.4)


def write_pfm(path, linear):
    """PFM colour ('PF'), little-endian (scale -1), rows bottom to top."""
    height, width, _ = linear.shape
    with open(path + ".tmp", "wb") as handle:
        handle.write(b"PF\n%d %d\n-1.0\n" % (width, height))
        handle.write(np.ascontiguousarray(linear[::-1], dtype="<f4").tobytes())
    os.replace(path + ".tmp", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--crops-per-photo", type=int, default=4)
    parser.add_argument("--width", type=int, default=864)
    parser.add_argument("--height", type=int, default=576)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.width % 2 or args.height % 2:
        sys.exit("width and height must be even (Bayer tiles)")
    missing = [p for p in PHOTOS if not os.path.isdir(os.path.join(WALLPAPERS, p))]
    if missing:
        sys.exit(f"missing {', '.join(missing)}: apt-get install {PACKAGE}")
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    scenes, sources = [], []
    aspect = args.width / args.height
    for name in PHOTOS:
        info = source_info(name)
        sources.append(info)
        photo = Image.open(info["file"]).convert("RGB")
        for crop_index in range(args.crops_per_photo):
            full_w = min(photo.width, photo.height * aspect)
            zoom = 1.0 if crop_index == 0 else rng.uniform(0.55, 0.95)
            crop_w = full_w * zoom
            crop_h = crop_w / aspect
            left = rng.uniform(0, photo.width - crop_w)
            top = rng.uniform(0, photo.height - crop_h)
            mirror = crop_index > 0 and rng.random() < 0.5
            box = (left, top, left + crop_w, top + crop_h)
            scene = photo.resize((args.width, args.height), Image.Resampling.LANCZOS, box=box)
            if mirror:
                scene = scene.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
            encoded = np.asarray(scene, dtype=np.float32) / 255.0
            filename = f"scene-{len(scenes):03d}.pfm"
            write_pfm(os.path.join(args.out, filename), srgb_to_linear(encoded).astype(np.float32))
            scenes.append({"file": filename, "source": name, "crop": [round(v, 1) for v in box],
                           "mirrored": mirror, "licence": info["licence"], "author": info["author"]})
    with open(os.path.join(args.out, "scenes.json"), "w", encoding="utf-8") as handle:
        json.dump({"width": args.width, "height": args.height, "seed": args.seed, "scenes": scenes}, handle, indent=1)
    with open(os.path.join(args.out, "SOURCES.md"), "w", encoding="utf-8") as handle:
        handle.write("# Sources of these scenes\n\nCropped, resized and linearised from Debian's "
                     f"`{PACKAGE}` package (/usr/share/wallpapers). Debian's copyright file "
                     f"(/usr/share/doc/{PACKAGE}/copyright) gives GPL-2+ (KDE Visual Design Group) for "
                     "the whole package; each wallpaper's own metadata.json names its author and the "
                     "licence below.\n\n| photo | author | licence (metadata.json) | file |\n|---|---|---|---|\n")
        for info in sources:
            handle.write(f"| {info['name']} | {info['author']} | {info['licence']} | {info['file']} |\n")
    print(f"{len(scenes)} scenes from {len(sources)} photographs in {args.out}")


if __name__ == "__main__":
    main()
