"""Small groups are not broken down further. Pure Python: no Django here.

A breakdown cell counting fewer than ``MIN_GROUP`` (5) people is suppressed: shown as "fewer than 5",
never as its number, so that nobody in a small group can be singled out (e.g. the one participant who
asked for sign-language interpreting). Zero is not a person and is shown as 0. If exactly one cell is
suppressed and the total is shown, that cell could be worked out by subtraction, so the next smallest
cell is suppressed too (secondary suppression).
"""

from dataclasses import dataclass

MIN_GROUP = 5


@dataclass(frozen=True)
class Cell:
    label: str
    count: int | None  # None: suppressed

    @property
    def suppressed(self) -> bool:
        return self.count is None


def suppress_small(groups: dict[str, int], minimum: int = MIN_GROUP, *, total_shown: bool = True) -> list[Cell]:
    """The groups as cells, largest first, with cells of 1..minimum-1 people suppressed."""
    ordered = sorted(groups.items(), key=lambda item: (-item[1], item[0]))
    hidden = {label for label, count in ordered if 0 < count < minimum}
    if total_shown and len(hidden) == 1:
        visible = [(label, count) for label, count in ordered if label not in hidden and count > 0]
        if visible:
            hidden.add(min(visible, key=lambda item: item[1])[0])
    return [Cell(label, None if label in hidden else count) for label, count in ordered]
