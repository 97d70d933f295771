"""Writes src/main/resources/dev/cmsf/model/bf16-conv.pt, the TorchScript module behind
precision=bf16 (dev.cmsf.model.Bf16Convolution).

DJL 0.36 cannot make a bfloat16 tensor (its JNI type table stops before bfloat16), so the cast
happens inside TorchScript: fp32 in, a bf16 convolution (oneDNN, AMX/AVX-512 BF16 where the CPU
has them), fp32 out. Autograd records the casts, so the backward runs in bf16 as well and the
gradients reach the fp32 weights. Any torch >= 1.10 can write it (Debian 12: apt-get install
python3-torch; the committed file was written by 1.13.1); libtorch 2.x loads it.

    python3 tools/bf16_conv.py
"""
from typing import List

import torch
import torch.nn.functional as F


class Bf16Convolution(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x

    @torch.jit.export
    def conv2d(self, x: torch.Tensor, weight: torch.Tensor, stride: List[int],
               padding: List[int], dilation: List[int], groups: int) -> torch.Tensor:
        y = F.conv2d(x.to(torch.bfloat16), weight.to(torch.bfloat16), None, stride, padding,
                     dilation, groups)
        return y.to(torch.float32)


if __name__ == "__main__":
    torch.jit.script(Bf16Convolution()).save(
        "src/main/resources/dev/cmsf/model/bf16-conv.pt")
