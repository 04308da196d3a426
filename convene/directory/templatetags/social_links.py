"""A leader's other social media, shown as links named by their site."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django import template

from convene.directory.validators import is_https_address

register = template.Library()

# Sites people know by a name other than their address.
SITE_NAMES = {"x.com": "X", "twitter.com": "X", "bsky.app": "Bluesky"}


@dataclass(frozen=True)
class SiteLink:
    url: str
    site: str


@register.filter
def site_links(stored: str) -> list[SiteLink]:
    """Each stored address, as a link. One that fails the form's check (stored by hand, or
    before the check existed) is left out rather than risked as a link."""
    return [
        SiteLink(address, site_name(address))
        for address in stored.splitlines()
        if is_https_address(address)
    ]


def site_name(address: str) -> str:
    """X, Bluesky, or else the host without "www.". A Mastodon address (…/@name) is named
    by its server, as a reader knows it: mastodon.social, not "Mastodon"."""
    host = (urlsplit(address).hostname or "").removeprefix("www.")
    return SITE_NAMES.get(host, host)
