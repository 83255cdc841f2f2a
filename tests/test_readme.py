"""The README's commands, run as a new user would: from a fresh `git clone` of this repo.

The clone gets this checkout's .venv linked in (NEWSLEDGER_VENV_READY=1 tells
scripts/setup.sh not to reinstall) and PYTHONPATH pointing at the clone, so the code
that runs is the clone's own, and only files that are committed are there.  Runs
`bash scripts/demo.sh`, then every `newsledger` line of the README's "Using it" and
"Asking the ledger" blocks (except `serve`, which would not return) against the
bundled example articles.  `bash scripts/test.sh` runs in a fresh clone in CI itself.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ("## Using it", "## Asking the ledger")


def readme_commands() -> list[str]:
    """The `newsledger ...` lines of the README's usage blocks, comments removed."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    out = []
    for heading in SECTIONS:
        section = text.split(heading, 1)[1].split("\n## ", 1)[0]
        for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S):
            for line in block.splitlines():
                command = line.split("  #", 1)[0].strip()
                if command.startswith("newsledger ") and " serve" not in command:
                    out.append(command)
    return out


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout")
    if not (ROOT / ".venv" / "bin" / "python").exists():
        pytest.skip("needs the checkout's .venv (bash scripts/setup.sh)")
    target = tmp_path_factory.mktemp("fresh") / "newsledger"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)
    if "NEWSLEDGER_VENV_READY" not in (target / "scripts" / "setup.sh").read_text():
        pytest.skip("the committed scripts/setup.sh would reinstall into the shared .venv")
    (target / ".venv").symlink_to(ROOT / ".venv")
    return target


def environment(clone: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSLEDGER_")}
    env.update(NEWSLEDGER_VENV_READY="1", PYTHONPATH=str(clone))
    return env


def test_the_readme_lists_usage_commands():
    commands = readme_commands()
    assert len(commands) >= 15
    assert any("export facts --format csv -o facts.csv" in c for c in commands)
    assert any(c.split()[3] == "ingest" for c in commands)


def test_demo_runs_in_a_fresh_clone(clone):
    proc = subprocess.run(["bash", "scripts/demo.sh"], cwd=clone, env=environment(clone),
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "read 4, new 4, duplicates 0, not English 0, failed 0" in proc.stdout
    assert "Halvorsen" in proc.stdout.split("documents:")[1]


def test_every_readme_usage_command_works_in_a_fresh_clone(clone):
    python = str(clone / ".venv" / "bin" / "python")
    failures = []
    for command in readme_commands():
        args = shlex.split(command)[1:]
        proc = subprocess.run([python, "-m", "newsledger", *args], cwd=clone,
                              env=environment(clone), capture_output=True, text=True,
                              timeout=600)
        if proc.returncode != 0:
            failures.append((command, proc.returncode, proc.stderr[-500:]))
    assert failures == []
    assert (clone / "facts.csv").read_text(encoding="utf-8").startswith("doc_id,")
