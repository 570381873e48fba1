"""Comparing web addresses the way a reader would: one story, one address."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "ga_")
_TRACKING = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "ref", "ref_src", "cmpid", "ito"}
)


def normalise_url(url: str) -> str:
    """Case of scheme and host, default ports, a trailing slash, fragments and tracking
    parameters never make two addresses of the same article different."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    path = parts.path.rstrip("/") or ""
    scheme = "https" if scheme in ("http", "https") else scheme
    return urlunsplit((scheme, netloc, path, urlencode(_untracked(parts.query)), ""))


def without_tracking(url: str) -> str:
    """``url`` without its tracking parameters and fragment, otherwise as written: the address
    to archive when a feed or a shared link adds ``?utm_source=...``."""
    parts = urlsplit(url.strip())
    kept = _untracked(parts.query)
    everything = parse_qsl(parts.query, keep_blank_values=True)
    query = parts.query if len(kept) == len(everything) else urlencode(kept)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def _untracked(query: str) -> list[tuple[str, str]]:
    return [
        (key, value)
        for key, value in parse_qsl(query, keep_blank_values=True)
        if not key.lower().startswith(_TRACKING_PREFIXES) and key.lower() not in _TRACKING
    ]


def is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def relative_url(from_path: str, to_path: str) -> str:
    """A link from one site path to another, both directory-style (``a/b/``) or files.

    Relative links keep a site working wherever it is hosted, including under a sub-path.
    """
    from_dir = (
        from_path if from_path.endswith("/") or not from_path else from_path.rsplit("/", 1)[0] + "/"
    )
    source = [part for part in from_dir.split("/") if part]
    target = [part for part in to_path.split("/") if part]
    common = 0
    while common < min(len(source), len(target)) and source[common] == target[common]:
        common += 1
    parts = [".."] * (len(source) - common) + target[common:]
    link = "/".join(parts)
    if (to_path.endswith("/") or not to_path) and parts:
        link += "/"
    return link or "./"
