"""What the library-wide extraction process tells its parent, one line per event on stdout.

Why one module: the child (:mod:`reader.core.entities.batch`) writes these lines and the
GUI side (:mod:`reader.services.entity_batch`) reads them; with :func:`encode` and
:func:`decode` both sides share one definition, so a change to a field cannot leave the
parser behind.  Lines are ``KIND PAYLOAD``: ``progress DONE TOTAL`` (kept readable in a
terminal), ``problem ["path", "reason"]`` and ``summary {...}`` (ASCII JSON, so tabs,
newlines and undecodable bytes in file names survive), ``error TEXT``.  Unknown or
malformed lines decode to None: a stray ``print`` in a library must not crash the parent.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Progress:
    """``done`` of ``total`` articles are in the mention index."""

    done: int
    total: int


@dataclass(frozen=True)
class Problem:
    """A file that could not be read (the run goes on without it)."""

    path: str
    reason: str


@dataclass(frozen=True)
class BatchReport:
    """The run's outcome, sent once at its end."""

    total: int = 0  # distinct articles asked for
    skipped: int = 0  # already in the mention index
    from_cache: int = 0  # indexed from the entity cache, no model
    extracted: int = 0  # run through the model
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    model_loaded: bool = False
    cancelled: bool = False
    spacy_imported: bool = False  # checked by the tests: a cached run never imports spaCy


@dataclass(frozen=True)
class ErrorLine:
    """The child could not start its work (e.g. an unreadable job file)."""

    text: str


Event = Progress | Problem | BatchReport | ErrorLine


def encode(event: Event) -> str:
    """One line (without its newline) for ``event``."""
    if isinstance(event, Progress):
        return f"progress {int(event.done)} {int(event.total)}"
    if isinstance(event, Problem):
        return "problem " + json.dumps([event.path, event.reason])
    if isinstance(event, BatchReport):
        out = asdict(event)
        out["problems"] = [[p.path, p.reason] for p in event.problems]
        return "summary " + json.dumps(out)
    return "error " + " ".join(event.text.splitlines())


def decode(line: str) -> Event | None:
    """The event of one line, or None for a line that is not part of the protocol."""
    kind, _, rest = line.rstrip("\r\n").partition(" ")
    try:
        if kind == "progress":
            done, total = (int(x) for x in rest.split())
            return Progress(done, total)
        if kind == "problem":
            path, reason = json.loads(rest)
            return Problem(str(path), str(reason))
        if kind == "summary":
            raw = json.loads(rest)
            problems = tuple(Problem(str(p), str(r)) for p, r in raw.get("problems", ()))
            known = {k: v for k, v in raw.items()
                     if k in BatchReport.__dataclass_fields__ and k != "problems"}
            return BatchReport(problems=problems, **known)
        if kind == "error":
            return ErrorLine(rest)
    except (ValueError, TypeError, AttributeError):
        return None
    return None


class LineDecoder:
    """Turns chunks of the child's stdout (split anywhere) into events."""

    def __init__(self) -> None:
        self._buffer = b""

    def feed(self, chunk: bytes) -> list[Event]:
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        return self._decode(lines)

    def flush(self) -> list[Event]:
        """The last line when the child ended without a newline."""
        rest, self._buffer = self._buffer, b""
        return self._decode([rest]) if rest else []

    @staticmethod
    def _decode(lines: list[bytes]) -> list[Event]:
        events = (decode(raw.decode("utf-8", "replace")) for raw in lines)
        return [e for e in events if e is not None]
