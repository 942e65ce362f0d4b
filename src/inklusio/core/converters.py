"""URL converters shared by the apps' public links."""


class TokenConverter:
    """A personal link's token (``secrets.token_urlsafe``): anything else is a 404 before any database lookup.

    A plain ``<str:...>`` lets through characters a database cannot hold (PostgreSQL refuses NUL in text).
    """

    regex = r"[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
