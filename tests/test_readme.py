"""The README's examples are real: its configuration file validates, its commands exist."""

from __future__ import annotations

import re
from pathlib import Path

from bot.domain.cadence import CadenceTable
from bot.teamconfig import parse_directory

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_the_configuration_example_is_valid() -> None:
    example = re.search(r"```yaml\n(.*?)```", README, re.S)
    assert example is not None
    directory = parse_directory(example.group(1), source="README")
    assert directory.teams and directory.admins
    assert directory.cadence == CadenceTable()  # the example shows the defaults as they are


def test_the_two_commands_are_the_scripts_ci_runs() -> None:
    assert "bash scripts/shell.sh" in README and "bash scripts/test.sh" in README
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "bash scripts/test.sh" in ci
