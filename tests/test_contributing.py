"""Every shell command CONTRIBUTING.md shows works as it says, run as a contributor would:
in a copy of the repository, set up with the guide's own commands, in the guide's order, with
the edits the guide asks for made between them.

Changed, and only where a test must: the repository's address (a local copy, not GitHub) and
the preview's port (any free one, as another program may hold 8000).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import REPO

GUIDE = REPO / "CONTRIBUTING.md"
BLOCK = re.compile(r"^(?P<indent> *)```(?P<kind>\w*)\n(?P<body>.*?)^(?P=indent)```$", re.S | re.M)
SERVE_DEADLINE = 600.0
"""Seconds a server may take to say it serves (its first build) before it is stopped."""
ADDRESS = "https://github.com/<owner>/<repository>.git"
NEW_ARTICLE = "content/articles/2017/09/engineers-restart-turbines-at-tabqa-dam.md"
NEW_PAGE = "articles/2017/09/engineers-restart-turbines-at-tabqa-dam/"
UNDATED = "content/articles/undated/ferry-crossing-reopens-on-the-euphrates.md"
TEXT = (
    "Engineers restarted two of the dam's turbines on the Euphrates on Wednesday, restoring "
    "power to parts of Raqqa for the first time in months.\n"
)

# The status each command ends with, where it is not 0: the guide says why.
STATUS = {
    "news-archive import ~/Downloads/ferry-crossing-reopens.html": 1,  # no date in the page
    "news-archive validate content/articles/undated/": 1,  # the folder it belongs in
}

# Commands written inside a sentence, run after the walk-through like those in blocks; and
# the names of commands mentioned in sentences, which are no command to run.
INLINE = {
    "news-archive validate",
    "news-archive validate content/articles/2017/09/",
    "mkdocs build --strict",
    "pip install -e .",
    "git branch -a",
    "git fetch",
}
NAMES = {
    "news-archive new",
    "news-archive suggest",
    "news-archive import",
    "news-archive import-feed",
    "mkdocs build",
}

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@dataclass
class Block:
    """A fenced block of the guide: its kind (sh, text...) and its lines."""

    kind: str
    body: str
    commands: list[str] = field(default_factory=list)


def blocks() -> list[Block]:
    found = []
    for match in BLOCK.finditer(GUIDE.read_text(encoding="utf-8")):
        body = textwrap.dedent(match["body"])
        block = Block(match["kind"], body)
        if block.kind == "sh":
            block.commands = [" ".join(c.split()) for c in body.replace("\\\n", " ").splitlines()]
        found.append(block)
    return found


def inline_commands() -> set[str]:
    """Code spans in sentences that are whole commands (no placeholder, no message)."""
    text = BLOCK.sub("", GUIDE.read_text(encoding="utf-8"))
    spans = re.findall(r"`([^`\n]+)`", text)
    return {
        span
        for span in spans
        if re.match(r"(news-archive|mkdocs|pip|python3?|git) \S", span)
        and not re.search(r"[<:]|\.\.\.|^git mv$", span)
    }


@dataclass
class Contributor:
    """A terminal: the folder it is in, and the environment the guide's setup leaves."""

    home: Path
    cwd: Path
    env: dict[str, str]
    ran: list[str] = field(default_factory=list)

    def run(self, command: str, shown: str = "") -> subprocess.CompletedProcess[str]:
        """Run ``command`` (``shown`` in the guide, where a test must change it)."""
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        self.ran.append(shown or command)
        wanted = next((s for prefix, s in STATUS.items() if command.startswith(prefix)), 0)
        assert result.returncode == wanted, f"{command}\n{result.stdout}\n{result.stderr}"
        return result

    def activate(self) -> None:
        """What `source .venv/bin/activate` does for the commands after it."""
        venv = self.cwd / ".venv"
        self.env["VIRTUAL_ENV"] = str(venv)
        self.env["PATH"] = f"{venv / 'bin'}{os.pathsep}{self.env['PATH']}"

    def serve(self, command: str, shown: str, ready: str, page: str) -> str:
        """Start a command that serves the site until stopped, read one page, stop it with
        Ctrl-C as the guide says; it leaves nothing in the temporary folder."""
        scratch = self.cwd.parent / "serve-tmp"
        scratch.mkdir(exist_ok=True)
        with subprocess.Popen(
            ["bash", "-c", f"exec {command}"],
            cwd=self.cwd,
            env={**self.env, "PYTHONUNBUFFERED": "1", "TMPDIR": str(scratch)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        ) as server:
            # A server that never gets ready is stopped, so that the loop below ends.
            watchdog = threading.Timer(SERVE_DEADLINE, server.kill)
            watchdog.start()
            printed: list[str] = []
            try:
                assert server.stdout is not None
                for line in server.stdout:  # blocks until the server says it is ready
                    printed.append(line)
                    if ready in line:
                        break
                else:
                    pytest.fail(f"{command} stopped before serving:\n{''.join(printed)}")
                with urllib.request.urlopen(page, timeout=60) as answer:
                    html = answer.read().decode()
            finally:
                watchdog.cancel()
                server.send_signal(signal.SIGINT)  # Ctrl-C
                try:
                    server.wait(timeout=SERVE_DEADLINE)
                except subprocess.TimeoutExpired:
                    server.kill()
                    pytest.fail(f"{command} did not stop on Ctrl-C")
        left = sorted(path.name for path in scratch.iterdir())
        assert left == [], f"{command} left {left} in the temporary folder"
        self.ran.append(shown)
        return html


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def output_of(block: Block) -> list[str]:
    return block.body.strip().splitlines()


def origin_copy(target: Path) -> None:
    """The repository as it is (uncommitted changes too), as the one commit of a 'main'."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (n.decode() for n in listed)):
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Archive"]):
        subprocess.run(["git", *args], cwd=target, check=True, capture_output=True)


@pytest.fixture
def contributor(tmp_path: Path) -> Iterator[Contributor]:
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    shutil.copy(
        REPO / "tests/fixtures/contributing/ferry-crossing-reopens.html", home / "Downloads"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("VIRTUAL_ENV", "PYTHON", "GIT_"))
    }
    env.update(
        HOME=str(home),
        NO_MKDOCS_2_WARNING="1",
        GIT_AUTHOR_NAME="Jane Doe",
        GIT_AUTHOR_EMAIL="jane@example.org",
        GIT_COMMITTER_NAME="Jane Doe",
        GIT_COMMITTER_EMAIL="jane@example.org",
        GIT_CONFIG_NOSYSTEM="1",
    )
    # The guide's python3 is the one running the tests, as the contributor's own would be.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    yield Contributor(home, home, env)


def test_every_command_of_the_guide_works_as_it_says(
    contributor: Contributor, tmp_path: Path
) -> None:
    origin = tmp_path / "origin"
    origin.mkdir()
    origin_copy(origin)
    guide = blocks()
    shown = [command for block in guide for command in block.commands]
    preview: Block | None = None

    for index, block in enumerate(guide):
        if block.kind != "sh":
            continue
        after = guide[index + 1] if index + 1 < len(guide) else None
        first = block.commands[0]
        if first.startswith("python3 -m zipfile"):
            preview = block  # needs a built site: run last
        elif first.startswith("git clone"):
            for command in block.commands:
                if command.startswith("git clone"):
                    contributor.run(command.replace(ADDRESS, str(origin)), shown=command)
                    contributor.cwd = contributor.cwd / command.split()[-1]
                elif command.startswith("cd "):
                    contributor.ran.append(command)  # done by the line above
                elif command == "source .venv/bin/activate":
                    contributor.activate()
                    contributor.ran.append(command)
                else:
                    contributor.run(command)
        else:
            run_block(contributor, block, after, origin)

    assert preview is not None
    downloads = contributor.home / "Downloads"
    with zipfile.ZipFile(downloads / "site-preview.zip", "w") as artifact:
        site = contributor.cwd / "site"
        for file in sorted(site.rglob("*")):
            artifact.write(file, file.relative_to(site).as_posix())
    contributor.cwd, clone = downloads, contributor.cwd
    unzip, serve = preview.commands
    contributor.run(unzip)
    port = free_port()
    page = f"http://127.0.0.1:{port}/{NEW_PAGE}"
    html = contributor.serve(serve.replace(" 8000", f" {port}"), serve, "Serving HTTP", page)
    assert "Engineers restart turbines at Tabqa Dam" in html

    contributor.cwd = clone
    assert inline_commands() == INLINE | NAMES
    for command in sorted(INLINE):
        contributor.run(command)
    assert sorted(set(contributor.ran)) == sorted(set(shown) | INLINE)


def run_block(contributor: Contributor, block: Block, after: Block | None, origin: Path) -> None:
    """The commands of one block, with what the guide asks the contributor to do around
    them; a ``text`` block after a command shows what it prints."""
    shown = output_of(after) if after is not None and after.kind == "text" else None
    for command in block.commands:
        if command.startswith("mkdocs serve"):
            port = free_port()
            html = contributor.serve(
                f"{command} --dev-addr 127.0.0.1:{port}",
                command,
                "Serving on",
                f"http://127.0.0.1:{port}/news-archive/{NEW_PAGE}",
            )
            assert "Engineers restart turbines at Tabqa Dam" in html
            continue
        result = contributor.run(command)
        printed = (result.stdout + result.stderr).splitlines()
        if command.startswith("news-archive new"):
            assert result.stdout.splitlines() == shown
            article = contributor.cwd / NEW_ARTICLE
            text = article.read_text(encoding="utf-8")
            placeholder = next(line for line in text.splitlines() if line.startswith("<!--"))
            article.write_text(text.replace(placeholder, TEXT.strip()), encoding="utf-8")
        elif command.startswith("news-archive suggest") and "--write" not in command:
            assert result.stdout.splitlines() == shown
        elif command.startswith("news-archive suggest --write"):
            front = (contributor.cwd / NEW_ARTICLE).read_text(encoding="utf-8")
            assert "locations: [Tabqa Dam, Euphrates, Raqqa]" in front
        elif command.startswith("news-archive validate --changed-from"):
            assert result.stdout == ""  # no problem in the files changed
        elif command.startswith("news-archive import"):
            assert shown is not None
            assert [line for line in shown if line not in printed] == []
            undated = contributor.cwd / UNDATED
            text = undated.read_text(encoding="utf-8")
            undated.write_text(text.replace('date: ""', "date: 2017-10-26"), encoding="utf-8")
        elif command == "news-archive validate content/articles/undated/":
            assert any("belongs in content/articles/2017/10/" in line for line in printed)
        elif command.startswith("git push"):
            branches = subprocess.run(
                ["git", "branch", "--list", "add-tabqa-dam-story"],
                cwd=origin,
                capture_output=True,
                text=True,
            )
            assert "add-tabqa-dam-story" in branches.stdout


def test_the_web_editors_template_is_a_valid_new_article_under_the_name_the_guide_gives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Section 1's template, saved as its step 2 says, in a copy of the archive: a story the
    archive does not have yet, with registered names only."""
    from news_archive.cli import main

    guide = GUIDE.read_text(encoding="utf-8")
    name = re.search(r"ending in\s+`\.md`: `([a-z0-9-]+\.md)`", guide)
    assert name is not None
    template = next(block for block in blocks() if block.kind == "markdown").body
    for part in ("content", "site_config"):
        shutil.copytree(REPO / part, tmp_path / part)
    shutil.copy(REPO / "mkdocs.yml", tmp_path)
    target = tmp_path / "content/articles/2017/09" / name[1]
    assert not target.exists()
    target.write_text(template, encoding="utf-8")
    config = str(tmp_path / "mkdocs.yml")
    assert main(["validate", str(target), "--config", config, "--strict-terms"]) == 0
    assert capsys.readouterr().out == ""
