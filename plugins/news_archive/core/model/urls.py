"""Comparing web addresses the way a reader would: one story, one address.

Python's ``urlsplit`` and the ``port`` and ``hostname`` of its result raise ``ValueError`` on
some text a contributor can write (``https://[x/``, ``https://x:99999/``). Every address is
checked once with `url_problem`, by the article reader and the registry loader alike, so
that both say the same; the other functions here never raise on any text either, so that an
address that slipped past a check cannot stop a build.
"""

from __future__ import annotations

from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

from .text import shorten

_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "ga_")
_TRACKING = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "ref", "ref_src", "cmpid", "ito"}
)
_COPY = "copy the address from the browser's address bar"


def address_fault(text: str) -> str | None:
    """What keeps ``text`` from being a web address of the archive, as one word, or None:
    ``unreadable`` (Python cannot split it), ``not-web`` (not http(s), or no ``//host``),
    ``port`` (a port Python cannot read) or ``no-host``. One parse for the validator's
    messages (`url_problem`) and the import commands' (``importing.link_problem``)."""
    try:
        parts = urlsplit(text)
    except ValueError:
        return "unreadable"
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return "not-web"
    try:
        parts.port  # noqa: B018 (reading it is the check)
    except ValueError:
        return "port"
    return None if parts.hostname else "no-host"


def url_problem(text: str) -> str | None:
    """Why ``text`` cannot be a web address of the archive, or None when it can be one.

    The reason follows the field's name in a message (``'url' must be a web address ...``);
    an address it accepts can be split, and has a host name and a port Python can read.
    """
    fault = address_fault(text)
    if fault is None:
        return None
    found = f"found '{shorten(text)}'"
    if fault == "unreadable" and ("[" in text or "]" in text):
        return (
            f"has square brackets that do not hold an IPv6 address, {found}; "
            f"remove the brackets, or {_COPY}"
        )
    if fault == "unreadable":
        return (
            f"has a host name with a character that reads as '/', '?', '#', '@' or ':' "
            f"(like a full-width colon), {found}; retype the host name, or {_COPY}"
        )
    if fault == "port":
        return (
            f"has a port after the host name's ':' that is not a number from 0 to 65535, "
            f"{found}; remove the ':' and the port, or {_COPY}"
        )
    if fault == "no-host":
        return f"has no host name after '{urlsplit(text).scheme}://', {found}; {_COPY}"
    return f"must be a web address starting with https:// or http://, {found}; {_COPY}"


def is_web_url(url: str) -> bool:
    """An ``http(s)`` address that can be read: only these are written as links."""
    return url_problem(url) is None


def normalise_url(url: str) -> str:
    """Case of scheme and host, default ports, a trailing slash, fragments and tracking
    parameters never make two addresses of the same article different.

    Text Python cannot split is its own normal form (trimmed): the validator has refused it
    already, and two such addresses can still be compared."""
    parts = _split(url.strip())
    if parts is None:
        return url.strip()
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
    parts = _split(url.strip())
    if parts is None:
        return url.strip()
    kept = _untracked(parts.query)
    everything = parse_qsl(parts.query, keep_blank_values=True)
    query = parts.query if len(kept) == len(everything) else urlencode(kept)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def _split(url: str) -> SplitResult | None:
    """``url`` split, or None when Python cannot split it or read its port."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (reading it is the check)
    except ValueError:
        return None
    return parts


def _untracked(query: str) -> list[tuple[str, str]]:
    return [
        (key, value)
        for key, value in parse_qsl(query, keep_blank_values=True)
        if not key.lower().startswith(_TRACKING_PREFIXES) and key.lower() not in _TRACKING
    ]


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
