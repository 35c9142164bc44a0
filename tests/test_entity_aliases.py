"""The user's merge/split decisions: stored in the data directory, survive re-opening."""

from __future__ import annotations

from pathlib import Path

from reader.core.entities.aliases import ALIASES_FILE, EntityAliases, resolve


def test_merge_split_forget_survive_reopening(tmp_path: Path) -> None:
    aliases = EntityAliases(tmp_path)
    assert aliases.path == tmp_path / ALIASES_FILE
    aliases.merge(("otan", "ORG"), [("nato", "ORG"), ("otan", "ORG"), ("alliance", "ORG")])
    aliases.split([("blinken", "PER")])
    aliases.close()

    again = EntityAliases(tmp_path)
    assert again.merged() == {("nato", "ORG"): ("otan", "ORG"),
                              ("alliance", "ORG"): ("otan", "ORG")}
    assert again.no_auto() == {("blinken", "PER")}
    again.merge(("blinken", "PER"), [("antony blinken", "PER")])
    again.merge(("nato", "ORG"), [("otan", "ORG")])  # the old target becomes a member
    merged = again.merged()
    assert merged[("otan", "ORG")] == ("nato", "ORG") and ("nato", "ORG") not in merged
    assert resolve(("alliance", "ORG"), merged) == ("nato", "ORG")
    again.split([("alliance", "ORG")])
    assert ("alliance", "ORG") not in again.merged()
    again.forget()
    assert again.merged() == {} and again.no_auto() == set()
    again.close()


def test_resolve_stops_on_cycles() -> None:
    edges = {("a", "X"): ("b", "X"), ("b", "X"): ("a", "X")}
    assert resolve(("a", "X"), edges) in {("a", "X"), ("b", "X")}
    assert resolve(("c", "X"), edges) == ("c", "X")
