"""Patterns compiled on first use behave as the compiled pattern (and are compiled once)."""

from __future__ import annotations

import re
import subprocess
import sys

from reader.core.lazy_re import LazyPattern, lazy_compile


def test_a_lazy_pattern_answers_like_the_compiled_one() -> None:
    lazy = lazy_compile(r"(\d+) (mai|juin)", re.IGNORECASE)
    eager = re.compile(r"(\d+) (mai|juin)", re.IGNORECASE)
    text = "le 28 MAI et le 3 juin"
    assert isinstance(lazy, LazyPattern) and "_compiled" not in vars(lazy)
    assert lazy.search(text).span() == eager.search(text).span()  # type: ignore[union-attr]
    assert lazy.findall(text) == eager.findall(text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.sub("X", text) == eager.sub("X", text)
    assert lazy.split(text) == eager.split(text)
    assert lazy.fullmatch("28 mai") and not lazy.match("x")
    assert (lazy.pattern, lazy.flags, lazy.groups) == (eager.pattern, eager.flags, eager.groups)
    assert vars(lazy)["search"] == vars(lazy)["_compiled"].search  # bound once, no indirection


def test_importing_the_extractor_compiles_no_entity_pattern() -> None:
    """The GUI imports the extractor while it starts: its ~70 patterns wait for first use."""
    code = ("import re, reader.core.entities.extractor as x, reader.core.entities.postprocess as p; "
            "from reader.core.lazy_re import LazyPattern; "
            "lazy = [v for v in vars(p).values() if isinstance(v, LazyPattern)]; "
            "print(len(lazy), sum('_compiled' in vars(v) for v in lazy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert int(out[0]) > 40 and out[1] == "0"
