"""The buffer and its flush: every increment written exactly once, also under concurrent increments."""

import threading
from datetime import date

import pytest

from inklusio.usage import buffer, store
from inklusio.usage.buffer import CountBuffer
from inklusio.usage.models import PageViewDay

pytestmark = pytest.mark.django_db

DAY = date(2025, 3, 4)


def key(page="/"):
    return store.page_key(DAY, "home", page)


def test_concurrent_increments_are_all_counted_while_flushes_run():
    threads, per_thread, pages = 8, 2000, ["/", "/gute-praxis/", "/events/"]
    start = threading.Barrier(threads + 1)
    flushed_once = threading.Event()  # half the counting waits for a flush, so that flushes and counts overlap

    def count(number):
        start.wait()
        for i in range(per_thread):
            if i == per_thread // 2:
                flushed_once.wait(timeout=30)
            buffer.record(key(pages[(number + i) % len(pages)]))

    workers = [threading.Thread(target=count, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    start.wait()
    flushes = 0
    while any(worker.is_alive() for worker in workers):
        if buffer.flush() > 0:  # the database is written from this thread while the others count
            flushes += 1
            flushed_once.set()
    for worker in workers:
        worker.join()
    buffer.flush()
    assert flushes >= 1
    assert sum(PageViewDay.objects.values_list("count", flat=True)) == threads * per_thread
    assert PageViewDay.objects.count() == len(pages)


def test_a_flush_adds_to_what_is_stored():
    PageViewDay.objects.create(day=DAY, section="home", page="/", count=5)
    for _ in range(3):
        buffer.record(key())
    buffer.flush()
    buffer.record(key())
    buffer.flush()
    assert PageViewDay.objects.get(page="/").count == 9
    assert buffer.flush() == 0  # nothing waiting: no write


def test_a_failed_write_keeps_the_counts_for_the_next_flush(monkeypatch):
    for _ in range(4):
        buffer.record(key())

    def broken(counts):
        raise RuntimeError("database gone")

    monkeypatch.setattr(store, "add", broken)
    with pytest.raises(RuntimeError):
        buffer.flush()
    buffer.record(key())
    monkeypatch.undo()
    buffer.flush()
    assert PageViewDay.objects.get(page="/").count == 5


def test_the_size_threshold_wakes_the_flushing_thread(settings):
    settings.USAGE_FLUSH_SIZE = 2
    buffer._wake.clear()
    buffer.record(key("/a"))
    assert not buffer._wake.is_set()
    buffer.record(key("/b"))
    assert buffer._wake.is_set()
    buffer._wake.clear()


def test_count_buffer_take_and_give_back():
    counts = CountBuffer()
    assert counts.add(("a",)) == 1 and counts.add(("a",), 2) == 1 and counts.add(("b",)) == 2
    taken = counts.take()
    assert taken == {("a",): 3, ("b",): 1} and len(counts) == 0
    counts.add(("a",))
    counts.give_back(taken)
    assert counts.take() == {("a",): 4, ("b",): 1}
