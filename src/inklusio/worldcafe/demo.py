"""Demo: a planned World Café at the third expert day (Frankfurt) with 60 participants from the contact base.

Linking it to the event (events app) is left for after the merge; ``source_label`` names the occasion.
"""

from . import services
from .models import CafeTable, WorldCafe


def load(context: dict) -> None:
    rng = context["rng"]
    people = list(context["people"])
    chosen = rng.sample(people, 60)
    cafe = WorldCafe.objects.create(
        project=context["reference_project"],
        title="World Café – 3. Fachtag Frankfurt",
        source_label="3. Fachtag Inklusive Ausbildung, Frankfurt am Main",
        rounds=4,
    )
    tables = [
        CafeTable.objects.create(cafe=cafe, name=str(i + 1), capacity=5, accessible=i < 4, position=i)
        for i in range(12)
    ]
    participants = [services.add_person(cafe, person) for person in chosen]
    for table, host in zip(tables, participants[:12], strict=True):
        host.host_table = table
        host.save(update_fields=["host_table"])
    participants[12].needs_accessible_table = True
    participants[12].save(update_fields=["needs_accessible_table"])
    participants[13].together_with = participants[12]
    participants[13].save(update_fields=["together_with"])
    services.make_plan(cafe, time_limit=2)
    context["world_cafes"] = [cafe]
