"""The entity rules' registry: one source for the step names, each step documented."""

from __future__ import annotations

from reader.core.entities import extractor, steps

# ALL_STEPS as it was written out before the registry (its order was not execution order)
_NAMES_BEFORE_REGISTRY = {
    "truecase", "boundaries", "trim", "lexicon", "capswords", "generic", "press", "titles",
    "monsieur", "maiden", "streets", "heads", "orgheads", "placeheads", "regions", "orgcaps",
    "lowerorgs", "articles", "demonyms", "peoples", "ranks", "personcues", "datelines",
    "forenames", "gazetteer", "companies", "assemblies", "acronyms", "vote", "propagate",
    "surnames", "dates", "quantities", "names"}


def test_all_steps_come_from_the_registry() -> None:
    assert extractor.ALL_STEPS is steps.ALL_STEPS
    assert len(set(steps.ALL_STEPS)) == len(steps.ALL_STEPS)
    assert set(steps.ALL_STEPS) == _NAMES_BEFORE_REGISTRY
    assert set(extractor.STEPS) <= set(steps.ALL_STEPS)
    assert set(extractor.UNMEASURED_STEPS) <= set(extractor.STEPS)


def test_every_step_is_documented_and_staged() -> None:
    for step in steps.PIPELINE:
        assert step.doc, step.name
        assert step.stage in ("span", "candidate", "document", "option"), step.name
    assert [s.name for s in steps.PIPELINE if s.always] == ["keys"]
    assert [s.name for s in steps.PIPELINE].count("names") == 2


def test_span_steps_come_first() -> None:
    stages = [s.stage for s in steps.PIPELINE if s.stage != "option"]
    first_other = next(i for i, st in enumerate(stages) if st != "span")
    assert "span" not in stages[first_other:]


def test_later_steps_group_consecutive_candidate_steps() -> None:
    everything = frozenset(steps.ALL_STEPS)
    groups = list(steps.later_steps(everything))
    candidate_groups = [[f.__name__ for f in fns] for st, fns in groups if st == "candidate"]
    assert candidate_groups == [
        ["streets", "heads", "orgheads", "placeheads", "regions", "orgcaps", "demonyms",
         "peoples"],
        ["companies", "assemblies"]]
    assert all(len(fns) == 1 for st, fns in groups if st == "document")
    # steps left out: only the always-run keys step remains
    assert [[f.__name__ for f in fns] for _, fns in steps.later_steps(frozenset())] == [["keys"]]
    # a step's absence does not merge two candidate groups into one loop
    only_candidates = frozenset({"heads", "companies"})
    assert [(st, [f.__name__ for f in fns]) for st, fns in steps.later_steps(only_candidates)
            ] == [("candidate", ["heads"]), ("candidate", ["companies"]),
                  ("document", ["keys"])]


def test_span_steps_drop_and_relabel() -> None:
    text = "l'Etat et la Gazette de Lausanne"
    ctx = steps.Context([text], [], set(), frozenset(), extractor.EMPTY_LEXICON, None)
    rules = steps.span_steps(frozenset({"boundaries", "generic", "press"}))
    assert [r.__name__ for r in rules] == ["boundaries", "generic", "press"]
    assert steps.run_span_steps(ctx, rules, 0, (2, 6, "ORG")) is None  # "Etat": generic
    gazette = text.index("Gazette")
    assert steps.run_span_steps(ctx, rules, 0, (gazette, len(text), "ORG")) == (
        gazette, len(text), "MISC")
    assert steps.run_span_steps(ctx, [], 0, (2, 6, "ORG")) == (2, 6, "ORG")
