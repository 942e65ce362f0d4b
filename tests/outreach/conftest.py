from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_bytes():
    def read(name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    return read


@pytest.fixture
def instagram(db, project):
    from inklusio.outreach.models import Channel

    channel = Channel.objects.create(
        platform="instagram", name="bag if Ausbildung", handle="@bagif_ausbildung", account_id="17841400000000001"
    )
    channel.projects.add(project)
    return channel


@pytest.fixture
def facebook(db):
    from inklusio.outreach.models import Channel

    return Channel.objects.create(platform="facebook", name="bag if auf Facebook")
