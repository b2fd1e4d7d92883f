"""The setup is reproducible (issue 15, item 12): every dependency is pinned with hashes in the lock files, the
Makefile installs from them with --require-hashes, and the environment the tests run in is the locked one.

A dependency added to pyproject.toml without `make lock` fails here with the command to run.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from tests.conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path: Path) -> dict[str, str]:
    """name -> version of every requirement in a lock file; each must carry at least one sha256 hash."""
    pins: dict[str, str] = {}
    current = None
    hashed: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            current = _canonical(match.group(1))
            pins[current] = match.group(2)
        elif current and "--hash=sha256:" in line:
            hashed.add(current)
    assert set(pins) == hashed, f"requirements without a hash in {path.name}: {sorted(set(pins) - hashed)}"
    return pins


def _requirement_names(specs: list[str]) -> set[str]:
    return {_canonical(re.split(r"[\s<>=!~\[;]", spec, maxsplit=1)[0]) for spec in specs}


def test_every_dependency_and_tool_is_pinned_with_hashes() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = _pins(ROOT / "requirements.lock")
    wanted = _requirement_names(project["dependencies"] + project["optional-dependencies"]["dev"])
    missing = sorted(wanted - set(pins))
    assert missing == [], f"not in requirements.lock: {missing}; run `make lock` and commit the lock files"
    for tool in ("ruff", "mypy", "pytest", "setuptools", "uv"):
        assert tool in pins, tool
    assert list(_pins(ROOT / "requirements-pip.lock")) == ["pip"]


def test_the_makefile_installs_from_the_locks_only() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes --no-deps -r $(PIP_LOCK)" in makefile
    assert "--require-hashes --no-deps -r $(LOCK)" in makefile
    assert "--no-deps --no-build-isolation -e ." in makefile
    assert "--upgrade pip" not in makefile and "'.[dev]'" not in makefile


def test_the_tests_run_in_the_locked_environment() -> None:
    """What is installed is what the lock says (a stale .venv, or a package added by hand, shows here)."""
    pins = {**_pins(ROOT / "requirements.lock"), **_pins(ROOT / "requirements-pip.lock")}
    drift = {}
    for name, version in pins.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = "missing"
        if installed != version:
            drift[name] = f"locked {version}, installed {installed}"
    assert drift == {}, "the environment differs from the lock: run `make setup`"
