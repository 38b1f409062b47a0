"""Synthetic landing data for tietopohja (see ``tietopohja generate``)."""

from tietopohja.generator.core import generate

__all__ = ["generate"]
