"""Regular expressions compiled on first use rather than at import.

Why: the entity rules define some seventy patterns at module level (long alternations of
titles, month names, heads); compiling them took ~25 ms of every import of the extractor,
which the GUI imports while it starts (the cache key, the model child).  A
:func:`lazy_compile` pattern compiles the first time one of its methods is used; after that
its methods are the compiled pattern's own bound methods (no indirection per call).
"""

from __future__ import annotations

import re
import threading
from typing import Any, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")
_lock = threading.Lock()


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)`` until it is used."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        # only reached before the first compile, or for a rarely used attribute
        if name.startswith("__"):
            raise AttributeError(name)
        with _lock:
            compiled = self.__dict__.get("_compiled")
            if compiled is None:
                compiled = re.compile(*self._args)
                for method in _METHODS:  # found in the instance from now on
                    self.__dict__[method] = getattr(compiled, method)
                self.__dict__["_compiled"] = compiled
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self._args[0]!r}, {self._args[1]!r})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled when first used (typed as the pattern)."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
