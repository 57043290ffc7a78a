"""structure.toml, loaded once."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any


@cache
def structure() -> dict[str, Any]:
    return tomllib.loads((Path(__file__).with_name("structure.toml")).read_text(encoding="utf-8"))
