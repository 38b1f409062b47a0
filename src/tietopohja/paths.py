"""Where things are: the dbt project root, the bundled sample, the seeds."""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root (the dbt project directory). The package is installed
#: in editable mode from the repository, so the project files sit beside it.
PROJECT_DIR = Path(__file__).resolve().parents[2]
SEEDS_DIR = PROJECT_DIR / "seeds"
REFERENCE_SEEDS_DIR = SEEDS_DIR / "reference"
SAMPLE_LANDING_DIR = PROJECT_DIR / "sample_data" / "landing"
#: The public reference data shipped beside the repository (read only by
#: ``tietopohja seeds``, which turns it into the committed seeds).
SHARED_REFERENCE_DIR = PROJECT_DIR.parent / "shared" / "reference"


def landing_dir() -> Path:
    """The landing folder the build reads (``TIETOPOHJA_LANDING_DIR``)."""
    return Path(os.environ.get("TIETOPOHJA_LANDING_DIR", SAMPLE_LANDING_DIR))
