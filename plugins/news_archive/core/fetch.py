"""Fetching a page or a feed from the web, with a message a contributor can act on."""

from __future__ import annotations

import urllib.error
import urllib.request

from .. import __version__
from .urls import is_web_url

# Enough for any news page or feed; a larger answer is not one.
MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = f"news-archive/{__version__}"


class FetchError(Exception):
    """The address could not be fetched; the message says why and what to do instead."""


def fetch(url: str, timeout: float = 30) -> tuple[bytes, str]:
    """The body of the answer at ``url`` and the address it finally came from (after
    redirects), or `FetchError`."""
    if not is_web_url(url):
        raise FetchError(f"{url} is not a web address starting with https:// or http://")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_BYTES + 1)
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        message = f"{url} could not be fetched: the site answered {exc.code} {exc.reason}"
        raise FetchError(message) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"{url} could not be fetched: {reason}") from None
    if len(data) > MAX_BYTES:
        raise FetchError(f"{url} is larger than {MAX_BYTES // 1024 // 1024} MB; is it a page?")
    return data, final
