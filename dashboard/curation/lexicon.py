"""The engine's word lists, read once from data/lexicon/*.toml.

Each file holds one kind of list (topic cues, casualty words, units, currencies, place words...)
and says where its words come from in its ``source`` key. The rules in the stage modules say what
they do with a list; the lists are data a user can extend without reading the parser.
``$WARNEWS_LEXICON_DIR`` points at another folder of the same files.
"""
from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import CurationError

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "data" / "lexicon"


def lexicon_dir() -> Path:
    return Path(os.environ.get("WARNEWS_LEXICON_DIR") or DEFAULT_DIR)


@lru_cache(maxsize=None)
def load(kind: str) -> dict[str, Any]:
    """The lists of ``data/lexicon/KIND.toml`` as a dict (``source`` included)."""
    path = lexicon_dir() / f"{kind}.toml"
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as e:
        raise CurationError(f"{path}: cannot read the {kind} word list ({e.strerror}); "
                            "restore it from the repository or fix $WARNEWS_LEXICON_DIR") from None
    except tomllib.TOMLDecodeError as e:
        raise CurationError(f"{path}: not valid TOML ({e}); fix the file or restore it from the repository") from None


def words(kind: str, key: str) -> list[str]:
    """One list of a lexicon file, e.g. ``words("casualties", "kill")``."""
    return list(load(kind)[key])
