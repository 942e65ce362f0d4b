"""Which questions a respondent sees, given their answers. Pure Python: no Django here.

A question may name an earlier question and a set of answer values: it is shown only when that earlier
question is itself shown and one of its answers is among the values. Conditions only point backwards (the
builder refuses anything else), so one pass in survey order decides every question, and a chain of conditions
hides everything below a hidden question. The same rule runs on the server when the form is submitted (answers
to hidden questions are dropped, hidden required questions are not required) and, as progressive enhancement, in
the browser (``static/surveys/conditions.js``).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rule:
    question: int
    show_if_question: int | None = None
    show_if_values: frozenset[str] = field(default_factory=frozenset)


def visible(rules: Iterable[Rule], answers: Mapping[int, Iterable[str]]) -> set[int]:
    """The ids of the questions shown, for ``rules`` in survey order and ``answers`` {question id: values}."""
    shown: set[int] = set()
    for rule in rules:
        if rule.show_if_question is None:
            shown.add(rule.question)
            continue
        if rule.show_if_question not in shown:
            continue
        given = {str(value) for value in answers.get(rule.show_if_question, ())}
        if given & rule.show_if_values:
            shown.add(rule.question)
    return shown


def points_backwards(rules: Iterable[Rule]) -> bool:
    """True if every condition names a question that comes earlier."""
    seen: set[int] = set()
    for rule in rules:
        if rule.show_if_question is not None and rule.show_if_question not in seen:
            return False
        seen.add(rule.question)
    return True
