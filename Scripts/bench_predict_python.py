#!/usr/bin/env python3
"""The seed project's way, done well in Python: rawpy half-size linear decode, area resize to
224×224, the same fixed tone curve and normalisation as AutoTone, timm's ViT-Tiny (8 outputs,
tanh) on CPU, one photo at a time, and an XMP sidecar written per photo. A peer for
Scripts/bench-predict; not part of the product.

    bench_predict_python.py FOLDER [--threads 2]
"""
import argparse
import os
import sys
import time

import numpy as np
import rawpy
import timm
import torch
import torch.nn.functional as F

NAMES = ["Exposure2012", "Contrast2012", "Highlights2012", "Shadows2012", "Whites2012", "Blacks2012",
         "Vibrance", "Saturation"]
SCALES = [5, 100, 100, 100, 100, 100, 100, 100]


def srgb(x):
    x = np.clip(x, 0, 1)
    return np.where(x <= 0.0031308, 12.92 * x, 1.055 * np.power(x, 1 / 2.4) - 0.055)


def sidecar(raw_name, values):
    attributes = "\n".join(
        f'   crs:{name}="{value:+.2f}"' if name == "Exposure2012" else f'   crs:{name}="{int(round(value)):+d}"'
        for name, value in zip(NAMES, values))
    return f"""<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
   crs:ProcessVersion="15.4" crs:HasSettings="True" crs:RawFileName="{raw_name}"
{attributes}/>
 </rdf:RDF>
</x:xmpmeta>
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    model = timm.create_model("vit_tiny_patch16_224", pretrained=False, num_classes=8).eval()
    files = sorted(f for f in os.listdir(args.folder) if f.lower().endswith((".cr2", ".dng", ".nef")))
    start = time.perf_counter()
    with torch.inference_mode():
        for name in files:
            path = os.path.join(args.folder, name)
            with rawpy.imread(path) as raw:
                rgb = raw.postprocess(half_size=True, use_camera_wb=True, no_auto_bright=True,
                                      output_bps=16, gamma=(1, 1), output_color=rawpy.ColorSpace.sRGB)
            linear = torch.from_numpy(rgb.astype(np.float32) / 65535).permute(2, 0, 1).unsqueeze(0)
            small = F.interpolate(linear, size=(224, 224), mode="area")[0].numpy()
            tensor = torch.from_numpy(((srgb(small) - 0.5) / 0.5).astype(np.float32)).unsqueeze(0)
            values = torch.tanh(model(tensor))[0].numpy() * np.array(SCALES)
            base = os.path.splitext(path)[0]
            temporary = base + ".xmp.tmp"
            with open(temporary, "w") as handle:
                handle.write(sidecar(name, values))
            os.replace(temporary, base + ".xmp")
    print(f"{len(files)} photos in {time.perf_counter() - start:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
