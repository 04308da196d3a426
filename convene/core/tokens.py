"""Secret tokens for links sent by e-mail: only their hash is stored."""

import hashlib
import secrets

TOKEN_BYTES = 32
# A token is 43 URL-safe characters; anything much longer is not one of ours.
MAX_TOKEN_LENGTH = 64


def new_token() -> tuple[str, str]:
    """Return (token for the link, hash to store)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
