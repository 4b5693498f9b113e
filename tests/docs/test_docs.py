"""Docs are part of the feature: these fail when they drift from the code."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import cli_reference  # noqa: E402


def _sh_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)


def test_the_cli_reference_is_generated_from_the_current_commands() -> None:
    current = (ROOT / "docs" / "cli.md").read_text()
    assert current == cli_reference.render(), (
        "docs/cli.md is out of date: run `python scripts/cli_reference.py`"
    )


def test_every_command_has_a_section_in_the_reference_and_appears_in_the_guide() -> None:
    reference = (ROOT / "docs" / "cli.md").read_text()
    guide = (ROOT / "docs" / "guide.md").read_text()
    names = cli_reference.command_names()
    assert len(names) >= 12
    for name in names:
        assert f"## followup {name}\n" in reference, name
        assert f"followup {name}" in guide, f"the user guide never shows 'followup {name}'"


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    setup = [block.strip() for block in _sh_blocks(readme) if "python3 -m venv" in block]
    assert len(setup) == 2, "the README has exactly two set-up commands"
    install_and_run, test = setup
    assert "followup due" in install_and_run
    assert "pytest" in test
    assert test in ci.splitlines()


def test_the_readme_links_only_to_docs_that_exist() -> None:
    readme = (ROOT / "README.md").read_text()
    links = re.findall(r"\]\((docs/[^)]+)\)", readme)
    assert links
    for link in links:
        assert (ROOT / link).is_file(), link
