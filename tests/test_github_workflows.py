"""The GitHub workflows do what CONTRIBUTING.md and the README promise, on pinned actions with
the least privilege each job needs (zizmor audits them where it is installed, always in CI)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, TOOLS

WORKFLOWS = REPO / ".github/workflows"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
RELEASE_COMMENT = re.compile(r"uses: (\S+) # v\d+\.\d+\.\d+$")


def workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key 'on' as true
    return data


def commands(job: dict[str, Any]) -> list[str]:
    return [step.get("run", "") for step in job["steps"]]


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_pull_requests_are_validated_with_annotations_built_strictly_and_tested() -> None:
    pr = workflow("pr.yml")
    assert "pull_request" in pr["on"]
    (job,) = pr["jobs"].values()
    runs = commands(job)
    order = [
        next(i for i, run in enumerate(runs) if wanted in run)
        for wanted in ("news-archive validate --format github", "build --strict", "pytest")
    ]
    assert order == sorted(order)
    assert any("pip install -e '.[test]'" in run for run in runs)


def test_pull_requests_run_on_the_oldest_and_newest_python_with_both_build_tools() -> None:
    (job,) = workflow("pr.yml")["jobs"].values()
    matrix = job["strategy"]["matrix"]
    requires = re.search(r'requires-python = ">=(\d+\.\d+)"', (REPO / "pyproject.toml").read_text())
    assert requires is not None
    assert matrix["python"] == [requires[1], "3.x"]
    assert tuple(matrix["tool"]) == TOOLS
    assert job["env"]["NEWS_ARCHIVE_TOOL"] == "${{ matrix.tool }}"
    (build,) = [run for run in commands(job) if "build --strict" in run]
    assert "$NEWS_ARCHIVE_TOOL" in build
    (properdocs,) = [step for step in job["steps"] if "properdocs" in step.get("if", "")]
    assert "[test,properdocs]" in properdocs["run"]


def test_pull_requests_restore_the_pip_cache_that_main_saves() -> None:
    pr = workflow("pr.yml")
    assert pr["on"]["push"]["branches"] == ["main"]
    (job,) = pr["jobs"].values()
    (python,) = [step for step in job["steps"] if "setup-python" in step.get("uses", "")]
    assert python["with"]["cache"] == "pip"
    assert python["with"]["cache-dependency-path"] == "pyproject.toml"


def test_pushes_to_main_are_published_with_the_official_pages_actions() -> None:
    deploy = workflow("deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    assert any("mkdocs build --strict" in run for run in commands(build))
    assert "actions/upload-pages-artifact" in uses(build)
    assert uses(publish) == ["actions/deploy-pages"]
    assert publish["needs"] == "build"
    assert publish["environment"]["name"] == "github-pages"


def test_only_the_deploy_job_may_publish() -> None:
    """The build job runs contributed content: it reads the repository and nothing more."""
    for name in sorted(path.name for path in WORKFLOWS.glob("*.yml")):
        data = workflow(name)
        assert data["permissions"] == {}, name
        for job_name, job in data["jobs"].items():
            expected = {"contents": "read"}
            if (name, job_name) == ("deploy.yml", "deploy"):
                expected = {"pages": "write", "id-token": "write"}
            assert job["permissions"] == expected, f"{name}: {job_name}"


def test_actions_are_pinned_by_commit_with_their_release_beside_it() -> None:
    for path in sorted(WORKFLOWS.glob("*.yml")):
        data = workflow(path.name)
        steps = [step for job in data["jobs"].values() for step in job["steps"]]
        for step in steps:
            if "uses" in step:
                assert PINNED.match(step["uses"]), f"{path.name}: {step['uses']}"
            if "actions/checkout" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False, path.name
        lines = [line.strip() for line in path.read_text().splitlines() if "uses:" in line]
        for line in lines:
            assert RELEASE_COMMENT.search(line), f"{path.name}: {line} names no release"


def test_the_build_cache_is_kept_between_deployments() -> None:
    build = workflow("deploy.yml")["jobs"]["build"]
    (step,) = [step for step in build["steps"] if step.get("uses", "").startswith("actions/cache")]
    assert step["with"]["path"] == ".cache/news-archive"
    for changes in ("content/**", "site_config/**", "mkdocs.yml", "plugins/news_archive/**"):
        assert changes in step["with"]["key"]
    assert step["with"]["restore-keys"] == "news-archive-"
    names = [s.get("name", "") for s in build["steps"]]
    assert names.index(step["name"]) < names.index("Build the site (strict)")


def matches(pattern: str, path: str) -> bool:
    """GitHub's path filter glob: '**' crosses folders, '*' does not."""
    parts = re.split(r"(\*\*|\*)", pattern)
    wild = {"**": ".*", "*": "[^/]*"}
    return (
        re.fullmatch("".join(wild.get(part, re.escape(part)) for part in parts), path) is not None
    )


def runs_for(name: str, changed: list[str]) -> bool:
    """Whether a pull request changing ``changed`` starts the workflow ``name``."""
    on = workflow(name)["on"]["pull_request"] or {}
    if "paths" in on:
        return any(matches(p, path) for p in on["paths"] for path in changed)
    if "paths-ignore" in on:
        return not all(any(matches(p, path) for p in on["paths-ignore"]) for path in changed)
    return True


@pytest.mark.parametrize(
    ("changed", "content_check", "whole_suite"),
    [
        (["content/articles/2017/09/story.md"], True, False),
        (["content/articles/2017/09/story.md", "site_config/actors.yml"], True, False),
        (["site_config/locations.yml"], True, False),
        (["content/articles/2017/09/story.md", "plugins/news_archive/cli.py"], True, True),
        (["mkdocs.yml"], False, True),
        ([".github/workflows/content-check.yml"], False, True),
    ],
)
def test_content_only_pull_requests_skip_the_whole_suite_and_code_still_runs_it(
    changed: list[str], content_check: bool, whole_suite: bool
) -> None:
    assert runs_for("content-check.yml", changed) is content_check
    assert runs_for("pr.yml", changed) is whole_suite


def test_the_content_check_is_read_only_and_safe_for_pull_requests_from_forks() -> None:
    check = workflow("content-check.yml")
    assert set(check["on"]) == {"pull_request"}  # never pull_request_target
    assert check["permissions"] == {}
    (job,) = check["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), "expressions go through env, not the script"
        assert "secrets." not in str(step)


def test_the_content_check_annotates_the_change_builds_strictly_and_uploads_a_preview() -> None:
    (job,) = workflow("content-check.yml")["jobs"].values()
    steps = job["steps"]
    runs = commands(job)
    validate = next(i for i, run in enumerate(runs) if "news-archive validate" in run)
    build = next(i for i, run in enumerate(runs) if "mkdocs build --strict" in run)
    upload = next(i for i, s in enumerate(steps) if "upload-artifact@" in s.get("uses", ""))
    assert validate < build < upload
    assert runs[validate].split() == [
        "news-archive", "validate", "--format", "github",
        '--changed-from', '"origin/$BASE_REF"', "--summary", '"$GITHUB_STEP_SUMMARY"',
    ]  # fmt: skip
    assert steps[validate]["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert any(run == "pip install -e ." for run in runs)
    assert steps[upload]["with"]["name"] == "site-preview"
    assert steps[upload]["with"]["path"] == "site"
    assert "steps.build.outcome == 'success'" in steps[upload]["if"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_content_checks_command_runs_against_the_base_branch_as_github_checks_it_out(
    tmp_path: Path,
) -> None:
    """The validate step's own script, in a clone whose base branch is origin/main."""
    origin, clone = tmp_path / "origin", tmp_path / "clone"
    shutil.copytree(REPO / "content", origin / "content")
    shutil.copytree(REPO / "site_config", origin / "site_config")
    shutil.copy(REPO / "mkdocs.yml", origin)
    env = {
        **os.environ,
        **{f"GIT_{who}_{what}": value for who in ("AUTHOR", "COMMITTER")
           for what, value in (("NAME", "Test"), ("EMAIL", "t@example.org"))},
    }  # fmt: skip
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Base"]):
        subprocess.run(["git", *args], cwd=origin, env=env, check=True)
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], env=env, check=True)
    subprocess.run(["git", "switch", "-q", "-c", "story"], cwd=clone, env=env, check=True)
    article = "content/articles/2017/09/a-contributed-story.md"
    (clone / article).write_text(
        "---\ntitle: A contributed story\ndate: 2017-09-31\nsource: Nowhere Daily\n"
        "url: https://nowhere.example/story\n---\nText.\n",
        encoding="utf-8",
    )
    (job,) = workflow("content-check.yml")["jobs"].values()
    step = next(s for s in job["steps"] if "news-archive validate" in s.get("run", ""))
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        ["bash", "-c", step["run"]],
        cwd=clone,
        env={
            **env,
            "BASE_REF": "main",
            "GITHUB_STEP_SUMMARY": str(summary),
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"::error file={article},line=3::'date' 2017-09-31 is not a day of the calendar"
    ]
    assert f"### `{article}`" in summary.read_text(encoding="utf-8")


def test_the_new_term_form_names_exactly_the_fields_it_requires() -> None:
    form = yaml.safe_load(
        (REPO / ".github/ISSUE_TEMPLATE/new-term.yml").read_text(encoding="utf-8")
    )
    intro = next(item for item in form["body"] if item["type"] == "markdown")
    sentence = next(
        line for line in " ".join(intro["attributes"]["value"].split()).split(";")
        if "are required" in line
    )  # fmt: skip
    required = {
        item["attributes"]["label"].lower()
        for item in form["body"]
        if item.get("validations", {}).get("required")
    }
    assert set(re.findall(r"\*\*(.+?)\*\*", sentence)) == required


def test_the_pull_request_template_asks_only_about_the_contributors_own_files() -> None:
    template = (REPO / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert "Warnings on other files are not yours to explain." in template
    assert "I have read every validator" not in template


def test_zizmor_finds_nothing_above_informational() -> None:
    """zizmor is in the test extra; a local install without it skips, CI never does."""
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    if zizmor is None:
        if os.environ.get("CI"):
            pytest.fail("zizmor is not installed: pip install -e '.[test]' installs it")
        pytest.skip("zizmor is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [zizmor, "--offline", "--min-severity", "low", "--no-progress", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
