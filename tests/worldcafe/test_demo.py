import pytest

from inklusio.core.demo import load_demo
from inklusio.worldcafe.models import WorldCafe

pytestmark = pytest.mark.django_db


def test_demo_has_a_planned_world_cafe_at_the_frankfurt_expert_day():
    context = load_demo()
    cafe = WorldCafe.objects.get()
    assert "Frankfurt" in cafe.title
    assert context["world_cafes"] == [cafe]
    assert cafe.event == context["expert_days"][-1] and "Frankfurt" in cafe.event.address
    attended = cafe.event.registrations.filter(attendances__isnull=False).values("person").distinct().count()
    assert cafe.participants.count() == attended > 60
    assert cafe.participants.filter(person__isnull=True).count() == 0
    assert len(cafe.plan) == cafe.rounds == 4
    assert cafe.metrics["repeated_meetings"] == 0
    assert cafe.metrics["colleague_clashes"] == 0
    for tables in cafe.plan:
        assert sorted(pk for t in tables for pk in t) == sorted(cafe.participants.values_list("pk", flat=True))
