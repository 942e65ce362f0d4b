"""BigBlueButton's checksum-signed API calls (pure: no Django), as its API reference documents them.

Every call carries ``checksum = sha1(callName + queryString + sharedSecret)``, where ``queryString`` is the
call's query string exactly as sent, without the checksum parameter. The ``join`` call with ``fullName``,
``meetingID`` and ``role`` (``VIEWER`` or ``MODERATOR``, BigBlueButton 2.6 and later) returns the address that
puts one person into the meeting under their own name; the server answers it with a redirect to its client.
"""

import hashlib
from urllib.parse import urlencode


def checksum(call: str, query: str, secret: str) -> str:
    return hashlib.sha1((call + query + secret).encode("utf-8"), usedforsecurity=False).hexdigest()


def signed_url(api_url: str, call: str, params: dict[str, str], secret: str) -> str:
    """``<api_url>/<call>?<query>&checksum=<sha1>``."""
    query = urlencode(params)
    return f"{api_url.rstrip('/')}/{call}?{query}&checksum={checksum(call, query, secret)}"


def join_url(api_url: str, secret: str, *, meeting_id: str, full_name: str, role: str = "VIEWER") -> str:
    return signed_url(api_url, "join", {"fullName": full_name, "meetingID": meeting_id, "role": role}, secret)
