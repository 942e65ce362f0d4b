"""Standard Webhooks signatures (https://www.standardwebhooks.com/): HMAC-SHA256 over "<id>.<timestamp>.<body>".

Pure: no Django. The secret is "whsec_" followed by the base64 of the key bytes.
"""

import base64
import hashlib
import hmac
import secrets

PREFIX = "whsec_"


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def key_of(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(PREFIX))


def sign(secret: str, message_id: str, timestamp: int, body: str) -> str:
    """The value of the webhook-signature header: "v1,<base64 of the HMAC>"."""
    content = f"{message_id}.{timestamp}.{body}".encode()
    digest = hmac.new(key_of(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(secret: str, message_id: str, timestamp: int, body: str) -> dict[str, str]:
    return {
        "content-type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, message_id, timestamp, body),
    }
