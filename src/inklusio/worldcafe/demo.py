"""Demo: a planned World Café at the third expert day (Frankfurt), seating the people who checked in there."""

import math

from . import services
from .models import CafeTable, WorldCafe

TABLE_SIZE = 5


def load(context: dict) -> None:
    frankfurt = context["expert_days"][-1]
    cafe = WorldCafe.objects.create(
        project=context["reference_project"],
        title="World Café – 3. Fachtag Frankfurt",
        source_label=frankfurt.title,
        event=frankfurt,
        rounds=4,
    )
    services.add_occasion_participants(cafe)
    participants = list(cafe.participants.order_by("pk"))
    table_count = math.ceil(len(participants) / TABLE_SIZE)
    tables = [
        CafeTable.objects.create(cafe=cafe, name=str(i + 1), capacity=TABLE_SIZE, accessible=i < 4, position=i)
        for i in range(table_count)
    ]
    for table, host in zip(tables, participants[:table_count], strict=True):
        host.host_table = table
        host.save(update_fields=["host_table"])
    needs, assistant = participants[table_count], participants[table_count + 1]
    needs.needs_accessible_table = True
    needs.save(update_fields=["needs_accessible_table"])
    assistant.together_with = needs
    assistant.save(update_fields=["together_with"])
    services.make_plan(cafe, time_limit=3)
    context["world_cafes"] = [cafe]
