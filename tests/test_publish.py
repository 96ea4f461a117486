"""The book as a published site: the workflow that builds and deploys it, the one repository URL,
the issue form that every claim row links to.  (The built site itself, served from a sub-path, is
checked by tests/test_browser.py.)"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "book.yml"
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "mistake.yml"


def _tool(name: str) -> list[str]:
    """The linter ``name`` (the test extra installs both), beside this Python or on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    assert found, f"{name} is not installed: pip install -e '.[test]' installs it"
    return [found]


def _readme_command(extra: str) -> str:
    lines = [ln for ln in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
             if ln.startswith("python3.11 -m venv") and f'pip install -e ".[{extra}]"' in ln]
    assert len(lines) == 1, f"README.md states the {extra} command {len(lines)} times"
    return lines[0]


def _workflow() -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1)
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_workflow_matches_github_schema():
    out = subprocess.run(_tool("check-jsonschema") + ["--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_issue_form_matches_github_schema():
    out = subprocess.run(_tool("check-jsonschema") + ["--builtin-schema", "vendor.github-issue-forms", str(FORM)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_zizmor_finds_nothing():
    out = subprocess.run(_tool("zizmor") + ["--offline", "--no-progress", str(WORKFLOWS)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_every_action_is_pinned_by_commit():
    uses = re.findall(r"uses:\s*(\S+)", WORKFLOW.read_text(encoding="utf-8"))
    assert uses
    assert [u for u in uses if not re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u)] == []


def test_the_workflow_builds_with_the_readmes_command():
    command = _readme_command("book")
    steps = _workflow()["jobs"]["build"]["steps"]
    assert [s.get("run") for s in steps if s.get("run")] == [command]


def test_the_workflow_runs_on_push_and_pull_request_and_deploys_main_only():
    wf = _workflow()
    on = wf.get("on", wf.get(True))
    assert {"push", "pull_request"} <= set(on)
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    by_action = {s["uses"].split("@")[0]: s for s in build["steps"] if "uses" in s}
    assert by_action["actions/upload-pages-artifact"]["with"]["path"] == "_build/html"
    assert "refs/heads/main" in by_action["actions/upload-pages-artifact"]["if"]
    assert "pull_request" in by_action["actions/upload-artifact"]["if"]
    assert by_action["actions/upload-artifact"]["with"]["path"] == "_build/html"
    assert deploy["needs"] == "build" and "refs/heads/main" in deploy["if"]
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert wf["permissions"] == {}


def test_the_repository_url_is_written_in_one_place():
    """_config.yml's repository.url; no other file of the book's configuration names a github.com
    repository (the report links and html_baseurl are derived from it)."""
    from bpnn.articles.report import pages_url, repository_url

    url = repository_url()
    assert url and url.startswith("https://github.com/")
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["repository"]["url"] == url
    assert "baseurl" not in (config.get("html") or {}), "html.baseurl would override the derived one"
    for path in [ROOT / "_toc.yml", *sorted((ROOT / "book" / "_ext").glob("*.py")), *sorted((ROOT / "bpnn").rglob("*.py"))]:
        assert "github.com/" + url.split("github.com/")[1] not in path.read_text(encoding="utf-8"), path
    assert pages_url(url).startswith("https://") and pages_url(url).endswith("/")


@pytest.mark.parametrize("repo, site", [
    ("https://github.com/Owner/name", "https://owner.github.io/name/"),
    ("https://github.com/owner/name.git", "https://owner.github.io/name/"),
    ("https://github.com/owner/owner.github.io", "https://owner.github.io/"),
    ("https://gitlab.com/owner/name", None),
    ("", None),
])
def test_pages_url(repo, site):
    from bpnn.articles.report import pages_url

    assert pages_url(repo) == site


def test_report_link_fills_in_the_forms_claim_field():
    from bpnn.articles.report import REPORT_TEMPLATE, report_url

    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    ids = {f.get("id") for f in form["body"]}
    assert {"page", "claim", "what", "why"} <= ids
    url = report_url("002:151")
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert parts.path.endswith("/issues/new") and query["template"] == [REPORT_TEMPLATE] == [FORM.name]
    assert query["claim"] == ["002:151"] and "002:151" in query["title"][0]
    assert set(query) - {"template", "title", "labels"} <= ids


def test_every_claim_row_links_to_the_form_with_its_reference():
    from bpnn.articles.claims import claims_for
    from bpnn.articles.report import claims_markdown

    claims = claims_for("sigmoid")[:5]
    for lang in ("en", "zh"):
        table = claims_markdown(claims, lang=lang).splitlines()[2:]
        assert len(table) == len(claims)
        for c, row in zip(claims, table):
            ref = f"{c.article}:{c.line}"
            hrefs = re.findall(r'class="bpnn-report" href="([^"]+)"', row)
            assert len(hrefs) == 1, row
            assert parse_qs(urlsplit(hrefs[0].replace("&amp;", "&")).query)["claim"] == [ref]
