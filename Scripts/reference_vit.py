#!/usr/bin/env python3
"""Independent numpy reference for the AutoTone ViT, written from the equations.

Writes the golden files the Swift tests compare against (Tests/Golden/ViT/):
  golden-vit.safetensors  a small random ViT under Hugging Face `ViTForImageClassification` names
  golden-vit.json         its config, the fixed inputs' formula, and the outputs / class embeddings
  adamw.json              AdamW (PyTorch semantics) on a tiny quadratic problem

numpy only; safetensors are written by hand. Usage: python3 Scripts/reference_vit.py [OUT_DIR]
"""
import json
import math
import struct
import sys
from pathlib import Path

import numpy as np

ERF = np.vectorize(math.erf)


def layer_norm(x, w, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def gelu(x):
    return 0.5 * x * (1.0 + ERF(x / math.sqrt(2.0)))


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def vit_forward(W, x, cfg):
    """x: B x C x H x W (float64). W: dict of HF names (no 'vit.' prefix) -> float64 arrays.
    Returns (tanh(classifier(cls)), cls embedding after the final layer norm)."""
    B, C, H, _ = x.shape
    P, D, heads, eps = cfg["patch"], cfg["dim"], cfg["heads"], cfg["eps"]
    G = H // P
    # Convolution with kernel P and stride P, written as a sum over the kernel.
    patches = x.reshape(B, C, G, P, G, P).transpose(0, 2, 4, 1, 3, 5).reshape(B, G * G, C * P * P)
    wp = W["embeddings.patch_embeddings.projection.weight"].reshape(D, C * P * P)
    emb = patches @ wp.T + W["embeddings.patch_embeddings.projection.bias"]
    cls = np.broadcast_to(W["embeddings.cls_token"].reshape(1, 1, D), (B, 1, D))
    h = np.concatenate([cls, emb], axis=1) + W["embeddings.position_embeddings"]
    T, hd = h.shape[1], D // heads
    for l in range(cfg["depth"]):
        p = f"encoder.layer.{l}."
        a = layer_norm(h, W[p + "layernorm_before.weight"], W[p + "layernorm_before.bias"], eps)
        q = a @ W[p + "attention.attention.query.weight"].T + W[p + "attention.attention.query.bias"]
        k = a @ W[p + "attention.attention.key.weight"].T + W[p + "attention.attention.key.bias"]
        v = a @ W[p + "attention.attention.value.weight"].T + W[p + "attention.attention.value.bias"]
        split = lambda t: t.reshape(B, T, heads, hd).transpose(0, 2, 1, 3)
        q, k, v = split(q), split(k), split(v)
        att = softmax(q @ k.transpose(0, 1, 3, 2) / math.sqrt(hd)) @ v
        att = att.transpose(0, 2, 1, 3).reshape(B, T, D)
        h = h + att @ W[p + "attention.output.dense.weight"].T + W[p + "attention.output.dense.bias"]
        m = layer_norm(h, W[p + "layernorm_after.weight"], W[p + "layernorm_after.bias"], eps)
        m = gelu(m @ W[p + "intermediate.dense.weight"].T + W[p + "intermediate.dense.bias"])
        h = h + m @ W[p + "output.dense.weight"].T + W[p + "output.dense.bias"]
    z = layer_norm(h, W["layernorm.weight"], W["layernorm.bias"], eps)[:, 0]
    return np.tanh(z @ W["classifier.weight"].T + W["classifier.bias"]), z


def fixed_input(shape):
    """The inputs both sides compute: x[k] = sin(0.0137 k) (1 + 0.5 cos(0.00071 k)), k the flat index."""
    k = np.arange(int(np.prod(shape)), dtype=np.float64)
    return (np.sin(0.0137 * k) * (1.0 + 0.5 * np.cos(0.00071 * k))).astype(np.float32).reshape(shape)


def write_safetensors(path, tensors, metadata=None):
    """8-byte little-endian header length, JSON header padded to 8 bytes, F32 data in name order."""
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name in sorted(tensors):
        data = np.ascontiguousarray(tensors[name], dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    js = json.dumps(header, separators=(",", ":")).encode()
    js += b" " * ((8 - (8 + len(js)) % 8) % 8)
    Path(path).write_bytes(struct.pack("<Q", len(js)) + js + b"".join(blobs))


def golden_vit(out):
    cfg = {"image": 224, "patch": 16, "channels": 3, "dim": 16, "depth": 2, "heads": 2, "mlp": 32,
           "outputs": 8, "eps": 1e-12, "batch": 2}
    rng = np.random.default_rng(20260423)
    D, F, C, P = cfg["dim"], cfg["mlp"], cfg["channels"], cfg["patch"]
    T = (cfg["image"] // P) ** 2 + 1
    r = lambda *s, std=0.2: (rng.standard_normal(s) * std).astype(np.float32)
    W = {"vit.embeddings.patch_embeddings.projection.weight": r(D, C, P, P, std=0.05),
         "vit.embeddings.patch_embeddings.projection.bias": r(D),
         "vit.embeddings.cls_token": r(1, 1, D), "vit.embeddings.position_embeddings": r(1, T, D),
         "vit.layernorm.weight": 1 + r(D), "vit.layernorm.bias": r(D),
         "classifier.weight": r(cfg["outputs"], D, std=0.15), "classifier.bias": r(cfg["outputs"])}
    for l in range(cfg["depth"]):
        p = f"vit.encoder.layer.{l}."
        for n in ("query", "key", "value"):
            W[p + f"attention.attention.{n}.weight"] = r(D, D, std=0.3)
            W[p + f"attention.attention.{n}.bias"] = r(D)
        W[p + "attention.output.dense.weight"], W[p + "attention.output.dense.bias"] = r(D, D, std=0.3), r(D)
        W[p + "layernorm_before.weight"], W[p + "layernorm_before.bias"] = 1 + r(D), r(D)
        W[p + "layernorm_after.weight"], W[p + "layernorm_after.bias"] = 1 + r(D), r(D)
        W[p + "intermediate.dense.weight"], W[p + "intermediate.dense.bias"] = r(F, D, std=0.3), r(F)
        W[p + "output.dense.weight"], W[p + "output.dense.bias"] = r(D, F, std=0.2), r(D)
    write_safetensors(out / "golden-vit.safetensors", W, {"format": "pt"})
    x = fixed_input((cfg["batch"], C, cfg["image"], cfg["image"])).astype(np.float64)
    W64 = {k.removeprefix("vit."): v.astype(np.float64) for k, v in W.items()}
    y, z = vit_forward(W64, x, cfg)
    (out / "golden-vit.json").write_text(json.dumps(
        {"config": cfg, "input": "x[k] = Float(sin(0.0137 k) (1 + 0.5 cos(0.00071 k))) over the flat batch index k",
         "outputs": y.tolist(), "embeddings": z.tolist()}, indent=1) + "\n")


def golden_adamw(out):
    """AdamW as torch.optim.AdamW on L = sum (p - target)^2, a decayed matrix and an undecayed bias."""
    k = np.arange(6, dtype=np.float64)
    params = {"w": np.sin(k + 1).reshape(2, 3) * 0.5, "b": np.cos(np.arange(3) + 0.5) * 0.3}
    targets = {"w": np.cos(k * 0.7).reshape(2, 3), "b": np.array([0.25, -0.5, 0.75])}
    decay = {"w": True, "b": False}
    hp = {"beta1": 0.9, "beta2": 0.95, "eps": 1e-6, "weight_decay": 0.1}
    lrs = [0.01, 0.02, 0.05, 0.03, 0.01, 0.005]
    start = {n: p.tolist() for n, p in params.items()}
    m = {n: np.zeros_like(p) for n, p in params.items()}
    v = {n: np.zeros_like(p) for n, p in params.items()}
    for t, lr in enumerate(lrs, start=1):
        for n in params:
            g = 2 * (params[n] - targets[n])
            if decay[n]:
                params[n] = params[n] * (1 - lr * hp["weight_decay"])
            m[n] = hp["beta1"] * m[n] + (1 - hp["beta1"]) * g
            v[n] = hp["beta2"] * v[n] + (1 - hp["beta2"]) * g * g
            mhat = m[n] / (1 - hp["beta1"] ** t)
            vhat = v[n] / (1 - hp["beta2"] ** t)
            params[n] = params[n] - lr * mhat / (np.sqrt(vhat) + hp["eps"])
    (out / "adamw.json").write_text(json.dumps(
        {"hyperparameters": hp, "learning_rates": lrs, "start": start,
         "targets": {n: t.tolist() for n, t in targets.items()},
         "final": {n: p.tolist() for n, p in params.items()}}, indent=1) + "\n")


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "Tests/Golden/ViT"
    out.mkdir(parents=True, exist_ok=True)
    golden_vit(out)
    golden_adamw(out)
    print(f"golden files written to {out}")
