import pytest

from inklusio.impact import registry
from inklusio.impact.registry import IndicatorDefinition

UNSOURCED = IndicatorDefinition(
    code="test_unsourced",
    label_de="Kennzahl ohne Datenquelle",
    label_en="Indicator without a source",
    unit_de="Anzahl",
    unit_en="count",
    level=1,
    chain="output",
    kind="flow",
    higher_is_better=True,
    definition_de="Nur für Tests: eine Kennzahl, für die kein Bereich eine Berechnung liefert.",
    definition_en="Tests only: an indicator no area computes.",
    area="reach",
)


@pytest.fixture
def unsourced():
    """Every catalogue code has a source once all areas are merged; this one never has."""
    with registry.registered(UNSOURCED):
        yield UNSOURCED.code
