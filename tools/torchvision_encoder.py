#!/usr/bin/env python3
"""Loads a cmsf encoder exported with `cmsf export --format safetensors` into PyTorch.

The file holds torchvision's parameter names (conv1.weight, bn1.running_mean,
layer1.0.conv1.weight, layer2.0.downsample.0.weight, ...) and, in its `__metadata__`, the
architecture and preprocessing. A width-1, ImageNet-stem, 3-channel backbone loads straight into
`torchvision.models.resnet18/34/50()` (strict apart from the classifier `fc`); `build_encoder`
below also builds the CIFAR stem (3x3 convolution, no max-pool), other widths and channel
counts, and the projection head (as `fc`). Needs torch >= 1.10 and torchvision (Debian 12:
apt-get install python3-torch python3-torchvision); no safetensors package: the format is an
8-byte header length, a JSON header and raw little-endian tensors.

    from torchvision_encoder import load_encoder, preprocess
    model, meta = load_encoder("export/encoder.safetensors")
    with torch.no_grad():
        embedding = model(preprocess(meta)(PIL.Image.open("shirt.png")).unsqueeze(0))

As a program it prints one JSON line per image, {"path": ..., "embedding": [...]}:

    python3 tools/torchvision_encoder.py export/encoder.safetensors a.png b.png
    python3 tools/torchvision_encoder.py --torchvision export/encoder.safetensors
      (loads into torchvision.models.resnetNN() and prints the missing and unexpected keys)
"""
import json
import math
import struct
import sys

import torch
from torch import nn
from torchvision import models, transforms
from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet

DTYPES = {"F32": torch.float32, "I64": torch.int64}
ARCHITECTURES = {18: (BasicBlock, [2, 2, 2, 2]), 34: (BasicBlock, [3, 4, 6, 3]),
                 50: (Bottleneck, [3, 4, 6, 3])}


def read_safetensors(path):
    """The tensors (name -> tensor) and the metadata (str -> str) of a safetensors file."""
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
        body = bytearray(f.read())  # writable, as torch.frombuffer wants
    meta = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        dtype = DTYPES[entry["dtype"]]
        begin, end = entry["data_offsets"]
        size = torch.empty((), dtype=dtype).element_size()
        flat = torch.frombuffer(body, dtype=dtype, offset=begin, count=(end - begin) // size)
        tensors[name] = flat.reshape(entry["shape"]).clone()
    return tensors, meta


def scaled(channels, width):
    """cmsf's stage width: Java's Math.round(channels * width), half up (not Python's round)."""
    return int(math.floor(channels * width + 0.5))


def build_encoder(meta):
    """The torchvision ResNet of the export's metadata, `fc` = projection head or identity."""
    block, layers = ARCHITECTURES[int(meta["depth"])]
    width, channels = float(meta["width"]), int(meta["channels"])
    model = ResNet(block, layers)
    stem = scaled(64, width)
    if meta["stem"] == "cifar":  # small images: 3x3 stride 1, no max-pool
        model.conv1 = nn.Conv2d(channels, stem, 3, 1, 1, bias=False)
        model.maxpool = nn.Identity()
    else:
        model.conv1 = nn.Conv2d(channels, stem, 7, 2, 3, bias=False)
    model.bn1 = nn.BatchNorm2d(stem)
    model.inplanes = stem  # torchvision's _make_layer builds each stage from this width on
    for stage in range(4):
        planes = scaled(64 * 2 ** stage, width)
        setattr(model, f"layer{stage + 1}",
                model._make_layer(block, planes, layers[stage], stride=1 if stage == 0 else 2))
    if meta["output"] == "projection":
        features = scaled(512, width) * block.expansion
        hidden, projection = int(meta["hidden"]), int(meta["projection"])
        model.fc = nn.Sequential(nn.Linear(features, hidden), nn.BatchNorm1d(hidden),
                                 nn.ReLU(inplace=True), nn.Linear(hidden, projection))
    else:
        model.fc = nn.Identity()
    return model


def load_encoder(path):
    """(model in eval mode, metadata) of an export; every key must match (strict)."""
    tensors, meta = read_safetensors(path)
    if meta.get("cmsf_layout") != "torchvision-resnet/1":
        raise ValueError(f"{path}: not a cmsf torchvision export (cmsf_layout "
                         f"{meta.get('cmsf_layout')!r}, expected 'torchvision-resnet/1')")
    model = build_encoder(meta)
    model.load_state_dict(tensors, strict=True)
    return model.eval(), meta


def preprocess(meta):
    """The evaluation view: channels, shorter side to `resize`, centre crop, normalisation.

    cmsf resizes with its own antialiased bilinear filter; PIL's differs slightly, so images
    already `image_size` square (no resize) match cmsf within float rounding, others closely.
    """
    steps = [transforms.Grayscale(1)] if int(meta["channels"]) == 1 else \
        [transforms.Lambda(lambda image: image.convert("RGB"))]
    size, resize = int(meta["image_size"]), int(meta["resize"])
    return transforms.Compose(steps + [transforms.Resize(resize), transforms.CenterCrop(size),
                                       transforms.ToTensor(),
                                       transforms.Normalize(json.loads(meta["mean"]),
                                                            json.loads(meta["std"]))])


def torchvision_keys(path):
    """Loads an export into torchvision.models.resnetNN() as it is: the keys left over."""
    tensors, meta = read_safetensors(path)
    model = getattr(models, meta["arch"])()
    result = model.load_state_dict(tensors, strict=False)
    return {"missing": sorted(result.missing_keys), "unexpected": sorted(result.unexpected_keys)}


def main(argv):
    from PIL import Image

    if argv[:1] == ["--torchvision"]:
        print(json.dumps(torchvision_keys(argv[1])))
        return 0
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    model, meta = load_encoder(argv[0])
    view = preprocess(meta)
    torch.set_num_threads(1)  # a few images; leave the cores to whatever else runs
    with torch.no_grad():
        for path in argv[1:]:
            embedding = model(view(Image.open(path)).unsqueeze(0))[0]
            print(json.dumps({"path": path, "embedding": embedding.tolist()}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
