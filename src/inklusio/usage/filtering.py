"""Which requests are a person's use of a public page: pure Python, no Django here.

A request counts only when it is a plain ``GET`` answered with 200, is not a prefetch or prerender
(``Sec-Purpose``/``Purpose``/``X-Moz``/``X-Purpose`` saying "prefetch" or "preview"), and does not come from a
known crawler, link checker, monitor or preview fetcher by its user agent. The user agent is only read here
and then dropped; nothing of it is stored.
"""

import re
from functools import lru_cache

# Parts of the user agents of crawlers, feed readers, link previews, monitors and scripted clients (case-folded).
# Kept short and broad, like the lists Plausible and Matomo's DeviceDetector use for their first pass.
BOT_PATTERN = re.compile(
    r"(?<!cu)bot\b|bot/|bot-|crawl|spider|slurp|scrap|archiver|fetch|preview|monitor|uptime|pingdom|checker|validator"
    r"|headless|phantomjs|lighthouse|pagespeed|gtmetrix|facebookexternalhit|facebookcatalog|embedly|quora link"
    r"|whatsapp|telegram|skypeuripreview|slack|discord|mastodon|outlook-ios|microsoft office|ms-office"
    r"|python-|python/|curl/|wget/|httpie|go-http-client|java/|okhttp|axios|node-fetch|undici|libwww|lwp::"
    r"|apache-httpclient|guzzle|ruby|perl|php/|postman|insomnia|feed|rss|newsblur|inoreader|w3c_|nutch"
    r"|ia_archiver|mediapartners|adsbot|google-read-aloud|google-inspectiontool|bingpreview|yandex|baidu"
    r"|petalbot|semrush|ahrefs|mj12|dotbot|bytespider|gptbot|ccbot|claude|perplexity|amazonbot|applebot"
)
PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")


@lru_cache(maxsize=4096)  # visitors share a few hundred user agents: the pattern runs once for each
def is_bot(user_agent: str) -> bool:
    """True for a known crawler or scripted client, and for an empty user agent (browsers always send one)."""
    agent = (user_agent or "").strip().casefold()
    return not agent or BOT_PATTERN.search(agent) is not None


def is_prefetch(meta: dict) -> bool:
    """True when the browser fetches the page ahead of a click (prefetch, prerender, Safari's preview)."""
    for name in PREFETCH_HEADERS:
        value = meta.get(name, "")
        if value and ("prefetch" in value.casefold() or "preview" in value.casefold()):
            return True
    return False


def counts(method: str, status: int, meta: dict) -> bool:
    """Whether a request with this method, response status and headers is a person's page view."""
    if method != "GET" or status != 200:
        return False
    return not is_prefetch(meta) and not is_bot(meta.get("HTTP_USER_AGENT", ""))
