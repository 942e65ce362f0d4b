"""The accessibility check itself (tests/conftest.py assert_accessible) finds violations, on the first page it is
injected into and on the pages the browser context opens after it (where axe comes from an init script)."""

import pytest

pytestmark = pytest.mark.browser

BAD = """<!doctype html><html lang="de"><head><title>Test</title></head><body><main><h1>Test</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<form><input type="text" name="q"></form></main></body></html>"""
GOOD = """<!doctype html><html lang="de"><head><title>Test</title></head><body><main><h1>Test</h1>
<p>Alles gut.</p></main></body></html>"""


@pytest.fixture
def pages(page):
    page.route("http://axe.test/**", lambda route: route.fulfill(body=BAD if "bad" in route.request.url else GOOD,
                                                               content_type="text/html"))  # fmt: skip
    return page


def test_a_violation_fails_on_the_first_and_on_later_pages(pages, axe):
    for url in ("http://axe.test/bad", "http://axe.test/good", "http://axe.test/bad-again"):
        pages.goto(url)
        if "bad" in url:
            with pytest.raises(pytest.fail.Exception) as failed:
                axe(pages)
            assert "image-alt" in str(failed.value) and "label" in str(failed.value), str(failed.value)
        else:
            axe(pages)


def test_the_check_can_be_limited_to_a_part_of_the_page(pages, axe):
    pages.goto("http://axe.test/bad")
    axe(pages, "h1")  # the heading alone has no violation
    with pytest.raises(pytest.fail.Exception):
        axe(pages, "form")
