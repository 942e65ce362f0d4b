"""Writing buffered counts: one upsert per kind, ``count = count + n``, so concurrent writers add up."""

from django.db import connection, transaction

from .models import LinkClickDay, PageViewDay

PAGE = "page"
CLICK = "click"


def page_key(day, section: str, page: str) -> tuple:
    return (PAGE, day.isoformat(), section, page)


def click_key(day, mailing_id: int, url_key: str, url: str) -> tuple:
    return (CLICK, day.isoformat(), mailing_id, url_key, url)


def _upsert(model, columns: list[str], conflict: list[str], rows: list[tuple]) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    count = connection.ops.quote_name("count")
    # Table and column names come from the models; the values go as parameters.
    sql = (
        f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))}) "  # noqa: S608
        f"ON CONFLICT ({', '.join(conflict)}) DO UPDATE SET {count} = {table}.{count} + EXCLUDED.{count}"
    )
    with connection.cursor() as cursor:
        # The same order in every process: concurrent upserts then lock rows in the same order and cannot deadlock.
        cursor.executemany(sql, sorted(rows, key=lambda row: tuple(str(value) for value in row[:-1])))


def add(counts: dict[tuple, int]) -> None:
    """Add the counts (keys from :func:`page_key` and :func:`click_key`) to the stored daily rows."""
    pages = [(day, section, page, n) for (kind, day, section, page), n in _of(counts, PAGE)]
    clicks = [(day, mailing_id, url, url_key, n) for (kind, day, mailing_id, url_key, url), n in _of(counts, CLICK)]
    if clicks:  # a mailing deleted since the click takes its clicks with it
        mailings = LinkClickDay._meta.get_field("mailing").related_model._default_manager
        existing = set(mailings.filter(pk__in={row[1] for row in clicks}).values_list("pk", flat=True))
        clicks = [row for row in clicks if row[1] in existing]
    with transaction.atomic():
        if pages:
            _upsert(PageViewDay, ["day", "section", "page", "count"], ["day", "page"], pages)
        if clicks:
            _upsert(
                LinkClickDay, ["day", "mailing_id", "url", "url_key", "count"], ["day", "mailing_id", "url_key"], clicks
            )


def _of(counts, kind):
    return [(key, n) for key, n in counts.items() if key[0] == kind]
