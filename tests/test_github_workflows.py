"""The GitHub workflows do what CONTRIBUTING.md and the README promise."""

from __future__ import annotations

from typing import Any

import yaml

from conftest import REPO


def workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((REPO / ".github/workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key 'on' as true
    return data


def commands(job: dict[str, Any]) -> list[str]:
    return [step.get("run", "") for step in job["steps"]]


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_pull_requests_are_validated_with_annotations_built_strictly_and_tested() -> None:
    pr = workflow("pr.yml")
    assert "pull_request" in pr["on"]
    assert pr["permissions"] == {"contents": "read"}
    (job,) = pr["jobs"].values()
    runs = commands(job)
    order = [
        next(i for i, run in enumerate(runs) if wanted in run)
        for wanted in ("news-archive validate --format github", "mkdocs build --strict", "pytest")
    ]
    assert order == sorted(order)
    assert any("pip install -e '.[test]'" in run for run in runs)


def test_pushes_to_main_are_published_with_the_official_pages_actions() -> None:
    deploy = workflow("deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    assert any("mkdocs build --strict" in run for run in commands(build))
    assert "actions/upload-pages-artifact" in uses(build)
    assert uses(publish) == ["actions/deploy-pages"]
    assert publish["needs"] == "build"
    assert publish["environment"]["name"] == "github-pages"


def test_the_build_cache_is_kept_between_deployments() -> None:
    build = workflow("deploy.yml")["jobs"]["build"]
    (step,) = [step for step in build["steps"] if step.get("uses", "").startswith("actions/cache")]
    assert step["with"]["path"] == ".cache/news-archive"
    for changes in ("content/**", "site_config/**", "mkdocs.yml", "plugins/news_archive/**"):
        assert changes in step["with"]["key"]
    assert step["with"]["restore-keys"] == "news-archive-"
    names = [s.get("name", "") for s in build["steps"]]
    assert names.index(step["name"]) < names.index("Build the site (strict)")
