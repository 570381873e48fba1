"""Reading one article file into an `Article`, with a message for every mistake in it."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import frontmatter
import yaml
from rapidfuzz import process

from ..model.article import Article
from ..model.characters import character_problem
from ..model.problems import Problem, error, warning
from ..model.taxonomy import ArchiveSettings
from ..model.text import is_reserved, is_slug, shorten, slugify, typographic_inner
from ..model.urls import url_problem
from .body_limits import body_problems
from .summary import first_paragraph
from .yaml_source import (
    Field,
    describe,
    field_character_problem,
    is_plain,
    parse_mapping,
    scalar_text,
)

REQUIRED = ("title", "date", "source", "url")
OPTIONAL = ("authors", "summary", "language", "draft")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_FIELD_LINE = re.compile(r"^[A-Za-z_][\w-]*:(\s|$)")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_YAML_HANDLER = frontmatter.YAMLHandler()


def read_article(
    path: str, raw: bytes, settings: ArchiveSettings, shown_as: str = ""
) -> tuple[Article | None, list[Problem]]:
    """Parse and check one article; ``None`` when it has an error and cannot be published.

    ``path`` is relative to the content folder (``articles/2017/09/x.md``); messages name the
    file as ``shown_as`` (``content/articles/2017/09/x.md``), the path contributors see.
    """
    article_path, path = path, shown_as or path
    text, problem = _decode(path, raw)
    if problem:
        return None, [problem]
    front, body, body_line, problem = _split(path, text)
    if problem:
        return None, [problem]
    fields, problems = parse_mapping(front, path, first_line=1)
    if fields is None:
        return None, problems
    reader = _FieldReader(path, settings, front)
    values = reader.read(fields)
    problems += reader.problems
    problems += _body_character_problems(path, text, body)
    if not any(p.is_error for p in problems):
        problems += _check_location(article_path, path, values, settings, fields)
    problems += body_problems(path, text, body)  # bodies Markdown cannot read safely
    if any(p.is_error for p in problems):
        return None, problems
    summary = values.get("summary") or first_paragraph(body)
    article = Article(
        path=article_path,
        source_path=path,
        title=values["title"],
        date=values["date"],
        published=values.get("published"),
        source=values["source"],
        url=values["url"],
        authors=values.get("authors", ()),
        summary=summary,
        language=values.get("language", ""),
        draft=values.get("draft", False),
        terms=values["terms"],
        lines={f.key: f.line for f in fields} | {"body": body_line},
    )
    return article, problems


def split_source(path: str, raw: bytes) -> tuple[str, str, int, Problem | None]:
    """Front matter text, body and the body's first line, or the problem that prevents it."""
    text, problem = _decode(path, raw)
    if problem:
        return "", "", 0, problem
    return _split(path, text)


def _decode(path: str, raw: bytes) -> tuple[str, Problem | None]:
    if not raw.strip():
        return "", error(
            path,
            1,
            "the file is empty; an article starts with front matter between two '---' lines",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return "", error(
            path,
            line,
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read); "
            "save it as UTF-8 in your editor",
        )
    if "\x00" in text:
        return "", error(
            path,
            text[: text.index("\x00")].count("\n") + 1,
            "the file contains a NUL byte; is it a text file?",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def _split(path: str, text: str) -> tuple[str, str, int, Problem | None]:
    """Front matter and body, and the line where the body starts."""
    first = text.split("\n", 1)[0].strip()
    if first != "---":
        lines = text.split("\n")
        # A '---' further down counts as misplaced front matter only if fields follow it;
        # otherwise it is a Markdown horizontal rule.
        later = next(
            (
                n
                for n, line in enumerate(lines[:-1], 1)
                if line.strip() == "---" and _FIELD_LINE.match(lines[n])
            ),
            None,
        )
        if later is not None:
            return (
                "",
                "",
                0,
                error(
                    path,
                    later,
                    "the front matter must start on the first line of the file; "
                    f"move the '---' block from line {later} to the top",
                ),
            )
        return (
            "",
            "",
            0,
            error(
                path,
                1,
                "the file has no front matter; start it with a '---' line, the fields "
                "(title, date, source, url), and another '---' line",
            ),
        )
    try:
        front, body = _YAML_HANDLER.split(text)
    except ValueError:
        return (
            "",
            "",
            0,
            error(path, 1, "the front matter is not closed; add a '---' line after the last field"),
        )
    # Keep the front matter aligned with the file: it starts right after the opening '---',
    # so that line N of the front matter text is line N + 1 of the file.
    opening_end = text.index("\n") if "\n" in text else len(text)
    start = text.find(front, opening_end)
    front = text[opening_end:start] + front
    body_line = front.count("\n") + 2
    return front, body, body_line, None


def _body_character_problems(path: str, text: str, body: str) -> list[Problem]:
    """The body reaches the page, the search index and (as the default summary) the feeds:
    a character they cannot carry is an error on its line, as it is in a field."""
    if character_problem(body) is None:
        return []
    first_line = text.count("\n", 0, len(text) - len(body)) + 1  # the body ends the file
    for number, line in enumerate(body.split("\n"), first_line):
        reason = character_problem(line)
        if reason:
            return [
                error(path, number, f"the article's text {reason}; retype this line without it")
            ]
    return []


class _FieldReader:
    """Turns YAML nodes into typed values, collecting a problem for each one that is wrong."""

    def __init__(self, path: str, settings: ArchiveSettings, front: str) -> None:
        self.path = path
        self.front_lines = front.split("\n")
        self.settings = settings
        self.problems: list[Problem] = []
        self.by_field = {t.field: t for t in settings.taxonomies}

    def fail(self, line: int, message: str) -> None:
        self.problems.append(error(self.path, line, message))

    def check_comment(self, key: str, node: yaml.Node) -> None:
        """YAML drops ``# ...`` after a plain value: warn, since a title may lose its end."""
        if not is_plain(node):
            return
        line = node.end_mark.line
        if line < len(self.front_lines):
            rest = self.front_lines[line][node.end_mark.column :]
            if rest.lstrip().startswith("#"):
                self.problems.append(
                    warning(
                        self.path,
                        line + 1,
                        f"'{key}': the text after '#' is read as a comment and left out; "
                        "put the whole value in double quotes to keep it",
                    )
                )

    def read(self, fields: list[Field]) -> dict[str, Any]:
        values: dict[str, Any] = {"terms": {}}
        known = tuple(dict.fromkeys((*REQUIRED, *OPTIONAL, *self.by_field)))
        readers: dict[str, Callable[[Field], Any]] = {
            "title": self.text,
            "date": self.date,
            "url": self.url,
            "authors": self.names,
            "summary": self.text,
            "language": self.language,
            "draft": self.boolean,
        }
        if "source" not in self.by_field:
            readers["source"] = self.text
        for item in fields:
            if problem := field_character_problem(item, self.path):
                self.problems.append(problem)
                continue
            self.check_comment(item.key, item.node)
            if item.key in self.by_field:
                taxonomy = self.by_field[item.key]
                written = self.term_text(item) if taxonomy.single else self.names(item)
                if written is not None:
                    values["terms"][taxonomy.name] = (
                        (written,) if isinstance(written, str) else written
                    )
                    if item.key == "source":
                        values["source"] = written
                continue
            reader = readers.get(item.key)
            if reader is None:
                self.unknown_key(item, known)
                continue
            if item.key != "authors" and self.in_typographic_quotes(item):
                continue
            value = reader(item)
            if value is not None:
                values[item.key] = value
        if isinstance(values.get("date"), tuple):
            values["date"], values["published"] = values["date"]
        present = {item.key for item in fields}
        for key in REQUIRED:
            if key not in present:
                self.fail(1, f"'{key}' is missing; add a line '{key}: ...' {_EXAMPLES[key]}")
        return values

    def unknown_key(self, item: Field, known: tuple[str, ...]) -> None:
        guess = process.extractOne(item.key.lower(), known, score_cutoff=70)
        hint = f"did you mean '{guess[0]}'?" if guess else f"the fields are: {', '.join(known)}"
        self.fail(item.line, f"'{item.key}' is not a field of an article; {hint}")

    def in_typographic_quotes(self, item: Field) -> bool:
        """A one-line value wrapped in “...”: an error, since a title, a date or an address
        with the marks kept would be wrong everywhere it is shown (the date not even read)."""
        value = scalar_text(item.node) if is_plain(item.node) else None
        inner = typographic_inner(value) if value is not None else None
        if inner is None:
            return False
        self.fail(
            item.line,
            f"'{item.key}' is in typographic quotes ({value.strip()}), which YAML keeps as "
            f"part of the value; write it without them: {item.key}: {inner}",
        )
        return True

    def unquoted(self, key: str, node: yaml.Node, value: str) -> str:
        """A name wrapped in “...” read without the marks, with a warning: a term page for
        “RT” beside the one for RT helps nobody."""
        inner = typographic_inner(value) if is_plain(node) else None
        if inner is None:
            return value
        self.problems.append(
            warning(
                self.path,
                node.start_mark.line + 1,
                f"{key}: '{value}' is in typographic quotes, which YAML keeps as part of the "
                f"name; it is read as '{inner}': write {inner} without the quotes",
            )
        )
        return inner

    def term_text(self, item: Field) -> str | None:
        value = self.text(item)
        return None if value is None else self.unquoted(item.key, item.node, value)

    def text(self, item: Field) -> str | None:
        value = scalar_text(item.node)
        if value is None or not value.strip():
            self.fail(
                item.line, f"'{item.key}' must be a line of text, found {describe(item.node)}"
            )
            return None
        return " ".join(value.split())

    def names(self, item: Field) -> tuple[str, ...] | None:
        node = item.node
        if isinstance(node, yaml.ScalarNode) and scalar_text(node) is not None:
            self.fail(
                item.line,
                f"'{item.key}' must be a list in square brackets, like "
                f"{item.key}: [{scalar_text(node)}]; found {describe(node)}",
            )
            return None
        if not isinstance(node, yaml.SequenceNode):
            if isinstance(node, yaml.ScalarNode):  # empty: an empty list
                return ()
            self.fail(item.line, f"'{item.key}' must be a list like [a, b], found {describe(node)}")
            return None
        limit = self.settings.max_terms_per_field
        if len(node.value) > limit:
            self.fail(
                item.line,
                f"'{item.key}' lists {len(node.value):,} names; an article lists at most "
                f"{limit}: keep the ones the article is really about",
            )
            return None
        names: list[str] = []
        for element in node.value:
            value = scalar_text(element)
            if value is None or not value.strip():
                self.fail(
                    item.line,
                    f"each entry of '{item.key}' must be a name, found {describe(element)}",
                )
                return None
            if is_plain(element) and element.start_mark.line != element.end_mark.line:
                self.fail(
                    element.start_mark.line + 1,
                    f"an entry of '{item.key}' runs over two lines ('{shorten(value)}'); "
                    "start each '- ' entry on its own line, lined up with the others",
                )
                return None
            self.check_comment(item.key, element)
            names.append(self.unquoted(item.key, element, " ".join(value.split())))
        return tuple(names)

    def date(self, item: Field) -> tuple[dt.date, dt.datetime | None] | None:
        value = scalar_text(item.node)
        shown = describe(item.node)
        expected = "'date' must be a date like 2017-09-17 (year-month-day)"
        if value is None:
            self.fail(item.line, f"{expected}, found {shown}")
            return None
        value = value.strip()
        day_first = _DAY_FIRST.match(value)
        if day_first:
            self.fail(item.line, f"{expected}, found '{value}'; {_year_first_hint(day_first)}")
            return None
        iso = _ISO_DAY.match(value)
        if not iso:
            self.fail(item.line, f"{expected}, found {shown}")
            return None
        try:
            if len(value) == 10:
                return dt.date.fromisoformat(value), None
            moment = dt.datetime.fromisoformat(_utc_z(value.replace(" ", "T", 1)))
        except ValueError:
            year, month, day = (int(part) for part in iso.groups())
            try:
                dt.date(year, month, day)
            except ValueError:
                self.fail(item.line, f"'date' {iso.group(0)} is not a day of the calendar")
                return None
            self.fail(
                item.line,
                f"{expected}, or a date and time with its offset like 2017-09-17T14:30:00+03:00; "
                f"found '{shorten(value)}'",
            )
            return None
        if moment.tzinfo is None:
            self.fail(
                item.line,
                f"'date' {value} has a time but no time zone; add the offset, "
                f"like {value}+00:00, or give the date alone",
            )
            return None
        return moment.date(), moment

    def url(self, item: Field) -> str | None:
        value = self.text(item)
        if value is None:
            return None
        problem = url_problem(value)
        if problem:
            self.fail(item.line, f"'url' {problem}")
            return None
        return value

    def language(self, item: Field) -> str | None:
        value = self.text(item)
        if value is not None and not _LANGUAGE.match(value):
            self.fail(
                item.line,
                f"'language' must be a language code like en or pt-BR, found '{shorten(value)}'",
            )
            return None
        return value

    def boolean(self, item: Field) -> bool | None:
        value = (scalar_text(item.node) or "").strip().lower()
        if value in ("true", "yes"):
            return True
        if value in ("false", "no"):
            return False
        self.fail(item.line, f"'{item.key}' must be true or false, found {describe(item.node)}")
        return None


def _year_first_hint(match: re.Match[str]) -> str:
    """How to write ``17/09/2017`` or ``09/17/2017`` year first, without guessing wrongly."""
    first, second, year = (int(part) for part in match.groups())
    readings = []
    for month, day in ((second, first), (first, second)):  # day/month first, as most write it
        try:
            dt.date(year, month, day)
        except ValueError:
            continue
        if (month, day) not in readings:
            readings.append((month, day))
    if not readings:
        return "no day of the calendar reads like that; check the date"
    options = [
        f"{year}-{month:02d}-{day:02d} for {day} {calendar.month_name[month]}"
        for month, day in readings
    ]
    return "write it year first: " + " or ".join(options)


def _utc_z(value: str) -> str:
    """``...Z`` as ``...+00:00``: Python 3.10 does not read the ``Z`` suffix."""
    return value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value


_EXAMPLES = {
    "title": "with the headline",
    "date": "with the original's publication date, like 2017-09-17",
    "source": "with the publisher's name",
    "url": "with the original's web address",
}


def _check_location(
    article_path: str,
    path: str,
    values: dict[str, Any],
    settings: ArchiveSettings,
    fields: list[Field],
) -> list[Problem]:
    """The file must sit at ``<articles_dir>/<year>/<month>/<slug>.md`` of its date."""
    date_line = next((f.line for f in fields if f.key == "date"), 1)
    parts = article_path.split("/")
    date: dt.date = values["date"]
    expected_dir = f"{settings.articles_dir}/{date.year:04d}/{date.month:02d}"
    shown_dir = path.removesuffix(article_path) + expected_dir
    name = parts[-1].removesuffix(".md")
    problems = []
    if "/".join(parts[:-1]) != expected_dir:
        problems.append(
            error(
                path,
                date_line,
                f"an article dated {date.isoformat()} belongs in {shown_dir}/; "
                f"move the file to {shown_dir}/{parts[-1]}",
            )
        )
    if is_reserved(name):
        problems.append(
            error(
                path,
                1,
                f"the file name '{parts[-1]}' is reserved on Windows; "
                f"rename it, like {name}-report.md",
            )
        )
    if not is_slug(name):
        suggestion = slugify(name) or slugify(values.get("title", "")) or "a-short-title"
        problems.append(
            error(
                path,
                1,
                f"the file name '{parts[-1]}' must be lowercase words joined by '-', "
                f"like {suggestion}.md",
            )
        )
    return problems
