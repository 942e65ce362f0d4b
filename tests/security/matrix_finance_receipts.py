"""The authorization matrix's rows for the finance receipts pages (merged into EXPECTED and ARGS of
``test_authorization_matrix``), and the objects they request, added to the world by :func:`build`."""

# name: (GET, POST), one token per role as in test_authorization_matrix.EXPECTED:
#    anonymous   password-only lead   reviewer   coordinator   staff   lead   superuser   company contact   finance
EXPECTED: dict[str, tuple[str, str]] = {}

# name: lambda world: the URL's keyword arguments
ARGS: dict = {}


def build(world) -> None:
    """Create the objects these rows request and put their ids in ``world.ids``."""
