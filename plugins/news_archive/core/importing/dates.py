"""Publication dates as pages and feeds write them, turned into the form the contract wants."""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime


def contract_date(written: str) -> str | None:
    """``written`` as ``2017-09-17`` or ``2017-09-17T14:30:00+03:00``; None if it is unreadable.

    Pages write ISO 8601 (``2017-09-17T14:30:00Z``) and feeds RFC 822 (``Sun, 17 Sep 2017
    14:30:00 +0300``). The offset is kept as written, because the contract files an article
    under the day its publisher saw, not the day in UTC. A time without an offset is dropped
    rather than guessed: the day alone is always right.
    """
    text = " ".join(written.split())
    if not text:
        return None
    moment = _iso(text) or _rfc822(text)
    if moment is None:
        return None
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is None:
            return moment.date().isoformat()
        return moment.replace(microsecond=0).isoformat()
    return moment.isoformat()


def _iso(text: str) -> dt.date | dt.datetime | None:
    if len(text) < 10 or not text[:4].isdigit():
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def _rfc822(text: str) -> dt.datetime | None:
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
