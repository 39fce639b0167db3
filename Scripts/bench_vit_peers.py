#!/usr/bin/env python3
"""Peers for Scripts/bench-vit: PyTorch (timm) and ONNX Runtime on CPU, same shapes and statistics.

One measurement per process (peak memory is the process's ru_maxrss). Prints one JSON object.
Usage: bench_vit_peers.py torch|onnx tiny|base infer1|infer16|train12 [--threads N] [--repeats N]
"""
import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time

p = argparse.ArgumentParser()
p.add_argument("impl", choices=["torch", "onnx"])
p.add_argument("config", choices=["tiny", "small", "base"])
p.add_argument("mode", choices=["infer1", "infer16", "train12"])
p.add_argument("--threads", type=int, default=2)
p.add_argument("--repeats", type=int, default=5)
a = p.parse_args()

import torch  # noqa: E402

try:
    import torchvision  # noqa: F401
except Exception:
    # PyPI's torchvision wheels are built for CUDA torch and fail to load next to the CPU wheel.
    # timm imports names from it at import time that no ViT uses: hand it stand-in modules.
    import importlib.abc
    import importlib.machinery
    import types

    class _AnyMeta(type):
        def __getattr__(cls, name):
            if name.startswith("__"):
                raise AttributeError(name)
            return _AnyMeta(name, (torch.nn.Module,), {})

    class _Stub(types.ModuleType):
        __path__ = []

        def __getattr__(self, name):
            if name.startswith("__"):
                raise AttributeError(name)
            return _AnyMeta(name, (torch.nn.Module,), {})

    class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
        def find_spec(self, name, path=None, target=None):
            if name == "torchvision" or name.startswith("torchvision."):
                return importlib.machinery.ModuleSpec(name, self, is_package=True)
            return None

        def create_module(self, spec):
            return _Stub(spec.name)

        def exec_module(self, module):
            pass

    for k in [k for k in sys.modules if k.startswith("torchvision")]:
        del sys.modules[k]
    sys.meta_path.insert(0, _Finder())
import timm  # noqa: E402

torch.set_num_threads(a.threads)
torch.manual_seed(0)
names = {"tiny": "vit_tiny_patch16_224", "small": "vit_small_patch16_224", "base": "vit_base_patch16_224"}
model = timm.create_model(names[a.config], pretrained=False, num_classes=8)
batch = {"infer1": 1, "infer16": 16, "train12": 12}[a.mode]
x = torch.randn(batch, 3, 224, 224)
times = []

if a.impl == "torch" and a.mode.startswith("infer"):
    model.eval()
    with torch.inference_mode():
        torch.tanh(model(x))
        for _ in range(a.repeats):
            t0 = time.perf_counter()
            torch.tanh(model(x))
            times.append(time.perf_counter() - t0)
elif a.impl == "torch":
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.05)
    target = torch.rand(batch, 8) - 0.5

    def step():
        opt.zero_grad(set_to_none=True)
        loss = torch.nn.functional.mse_loss(torch.tanh(model(x)), target)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()

    step()
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
else:
    if a.mode == "train12":
        sys.exit("onnx: inference only")
    import onnxruntime as ort

    model.eval()
    path = os.path.join(tempfile.mkdtemp(), "vit.onnx")

    class WithTanh(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, t):
            return torch.tanh(self.m(t))

    torch.onnx.export(WithTanh(model), (x,), path, input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "n"}, "y": {0: "n"}}, opset_version=17, dynamo=False)
    so = ort.SessionOptions()
    so.intra_op_num_threads = a.threads
    so.inter_op_num_threads = 1
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    xn = x.numpy()
    sess.run(None, {"x": xn})
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        sess.run(None, {"x": xn})
        times.append(time.perf_counter() - t0)

print(json.dumps({"impl": a.impl, "config": a.config, "mode": a.mode, "threads": a.threads, "repeats": a.repeats,
                  "seconds_per_image": statistics.median(times) / batch,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}, sort_keys=True))
