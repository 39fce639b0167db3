"""Recombined scenes for pretraining, where the reachable photographs run out (make-scenes.py
--composites): new light and new skies on the training photographs rather than more repeats.

Three kinds, all in display-linear RGB within 0…1 (darkening, never brightening, so nothing
clips that was not clipped in the photograph):
  sky       the top of one photograph (a sky donor, tagged `sky` or `sunset`) over
            the ground of another, below a soft, slightly tilted horizon, the ground 1–3 stops
            darker: a bright sky over a ground in shade, the scene a camera exposes for the sky
  gradient  one photograph under a light that falls off across the frame by 1.5–4 stops in a
            random direction, warm or cool where it is bright (window and side light)
  pool      one photograph darkened by 2–4 stops but for a soft pool of light (a lamp, a stage)

The photographs held out of training (`pretrain --hold-out-every N`: the distinct source names,
sorted, every Nth from the (N-1)th; SceneFolder.split) are never used.
"""
import math
import random

import numpy as np

SKY_TAGS = {"sky", "sunset"}
# Light colours, each scaled so that its brightest channel is 1 (linear RGB).
WARM = np.array([1.0, 0.78, 0.52], dtype=np.float32)
COOL = np.array([0.72, 0.84, 1.0], dtype=np.float32)
WHITE = np.ones(3, dtype=np.float32)


def held_out_names(names, every):
    """The photographs `pretrain --hold-out-every every` holds out (SceneFolder.split): of the
    distinct names, sorted, every `every`th from the (every − 1)th; none for 0."""
    distinct = sorted(set(names))
    return {name for index, name in enumerate(distinct) if every > 0 and index % every == every - 1}


def training_photos(photos, every):
    """The photographs `pretrain --hold-out-every every` trains on (all of them for 0)."""
    held_out = held_out_names((info["name"] for info in photos), every)
    return [info for info in photos if info["name"] not in held_out]


def sky(ground, donor, rng):
    height, width, _ = ground.shape
    rows = np.arange(height, dtype=np.float32)[:, None]
    columns = np.arange(width, dtype=np.float32)[None, :]
    horizon = rng.uniform(0.3, 0.6) * height + rng.uniform(-0.08, 0.08) * height * (columns / width - 0.5)
    feather = rng.uniform(0.01, 0.05) * height
    above = 1.0 / (1.0 + np.exp(np.clip((rows - horizon) / feather, -60, 60)))
    shade = 2.0 ** -rng.uniform(1.0, 3.0)
    return above[..., None] * donor + (1.0 - above[..., None]) * ground * shade


def light_colour(rng):
    """White, warm or cool, part of the way (a light's colour, never a full gel)."""
    colour = rng.choice([WHITE, WARM, COOL])
    amount = rng.uniform(0.3, 1.0)
    mixed = WHITE + amount * (colour - WHITE)
    return (mixed / mixed.max()).astype(np.float32)


def gradient(image, rng):
    height, width, _ = image.shape
    angle = rng.uniform(0, 2 * math.pi)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    along = xs / width * math.cos(angle) + ys / height * math.sin(angle)
    ramp = (along - along.min()) / max(float(along.max() - along.min()), 1e-6)
    field = 2.0 ** (-rng.uniform(1.5, 4.0) * ramp)
    colour = light_colour(rng)
    # The light's colour where it is bright, neutral ambient where it has fallen off.
    tint = WHITE + field[..., None] * (colour - WHITE)
    return image * field[..., None] * tint


def pool(image, rng):
    height, width, _ = image.shape
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    centre = (rng.uniform(0.2, 0.8) * width, rng.uniform(0.2, 0.8) * height)
    radius = rng.uniform(0.12, 0.35) * width
    falloff = np.exp(-((xs - centre[0]) ** 2 + (ys - centre[1]) ** 2) / (2 * radius ** 2))
    stops = rng.uniform(2.0, 4.0)
    field = 2.0 ** (-stops * (1.0 - falloff))
    colour = light_colour(rng)
    tint = WHITE + falloff[..., None] * (colour - WHITE)
    return image * field[..., None] * tint


def make(photos, count, seed, crop):
    """`count` composites as (kind, photographs used, linear pixels); `crop(info, rng)` cuts a
    seeded crop of a photograph. Kinds take turns (sky, gradient, pool) so each is a third."""
    if len(photos) < 2:
        raise SystemExit("--composites needs at least two training photographs")
    rng = random.Random(seed * 7919 + 1)
    donors = [info for info in photos if SKY_TAGS & set(info.get("tags", []))]
    for index in range(count):
        kind = ("sky", "gradient", "pool")[index % 3]
        if kind == "sky" and not donors:
            kind = "gradient"
        if kind == "sky":
            donor = rng.choice(donors)
            ground = rng.choice([info for info in photos if info is not donor])
            pixels = sky(crop(ground, rng), crop(donor, rng), rng)
            parts = [ground, donor]
        else:
            base = rng.choice(photos)
            pixels = (pool if kind == "pool" else gradient)(crop(base, rng), rng)
            parts = [base]
        yield kind, parts, np.clip(pixels, 0.0, 1.0).astype(np.float32)
