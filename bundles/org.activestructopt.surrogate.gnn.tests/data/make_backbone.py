#!/usr/bin/python3
"""Writes backbone.pt (float32) and backbone64.pt (float64): small TorchScript backbones for the gnn surrogate's tests,
scripted and saved by PyTorch itself (Debian's python3-torch: apt-get install python3-torch), exactly as a user would
export a pre-trained model. The weights are fixed pseudo-random numbers (seeded), not a trained model: the tests check
loading, training on top, gradients through the TorchScript code, save/reload and error reporting.

The module follows the surrogate's backbone contract (see Backbone.java):
    forward(species: int64[sites], neighbors: int64[sites, slots], vectors: float[sites, slots, 3],
            mask: float[sites, slots]) -> float[sites, features]
species are atomic numbers, neighbors the site index in each neighbour slot, vectors the Cartesian vectors to the
neighbours (angstrom, through periodic images), mask 1 for a neighbour within the cutoff and 0 otherwise.

Run: /usr/bin/python3 make_backbone.py   (writes next to this script)
"""
import os

import torch

RADIAL = 8
EMBED = 4
FEATURES = 16
MAX_Z = 103
CUTOFF = 5.0


class Backbone(torch.nn.Module):
    """Per-site features: an element embedding of each neighbour, weighted by Gaussians of its distance and a cosine
    cutoff, summed over neighbours and mixed by one dense layer."""

    def __init__(self):
        super().__init__()
        self.cutoff = CUTOFF
        g = torch.Generator().manual_seed(20261125)
        self.elements = torch.nn.Parameter(torch.randn(MAX_Z + 1, EMBED, generator=g))
        self.register_buffer("centres", torch.linspace(0.5, CUTOFF, RADIAL))
        self.weight = torch.nn.Parameter(torch.randn(RADIAL * EMBED, FEATURES, generator=g) / (RADIAL * EMBED) ** 0.5)

    def forward(self, species: torch.Tensor, neighbors: torch.Tensor, vectors: torch.Tensor,
                mask: torch.Tensor) -> torch.Tensor:
        d = torch.sqrt((vectors * vectors).sum(2) + 1e-12)
        fc = 0.5 * (torch.cos(d * (3.141592653589793 / self.cutoff)) + 1.0) * (d < self.cutoff).to(d.dtype) * mask
        g = torch.exp(-2.0 * (d.unsqueeze(2) - self.centres) ** 2) * fc.unsqueeze(2)  # (sites, slots, radial)
        z = self.elements.index_select(0, species)  # (sites, embed)
        zj = z.index_select(0, neighbors.flatten()).view(d.size(0), d.size(1), -1)
        h = torch.matmul(g.transpose(1, 2), zj.to(d.dtype))  # (sites, radial, embed)
        return torch.tanh(torch.matmul(h.flatten(1), self.weight.to(d.dtype)))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for dtype, name in ((torch.float32, "backbone.pt"), (torch.float64, "backbone64.pt")):
        torch.manual_seed(0)
        module = Backbone().to(dtype).eval()
        scripted = torch.jit.script(module)
        scripted.save(os.path.join(here, name))
        # self-check on a two-site probe, as the surrogate does when it loads the file
        out = scripted(torch.tensor([8, 8]), torch.tensor([[1], [0]]),
                       torch.tensor([[[2.0, 0, 0]], [[-2.0, 0, 0]]], dtype=dtype), torch.ones(2, 1, dtype=dtype))
        print(name, tuple(out.shape), out.dtype)


if __name__ == "__main__":
    main()
