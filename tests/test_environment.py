"""environment.yml, pyproject.toml and requirements.lock must agree."""

from __future__ import annotations

import re
import tomllib

import yaml
from conftest import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version


def lock_entries() -> list[Requirement]:
    text = (ROOT / "requirements.lock").read_text()
    return [Requirement(ln) for ln in text.splitlines() if ln and not ln.startswith((" ", "#"))]


def lock_pins() -> dict[str, Version]:
    """The pins that apply to this interpreter (the universal lock has a few per-Python
    variants, told apart by environment markers)."""
    pins = {}
    for req in lock_entries():
        if req.marker is None or req.marker.evaluate():
            (spec,) = req.specifier
            pins[canonicalize_name(req.name)] = Version(spec.version)
    return pins


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_every_declared_dependency_is_pinned_within_its_range():
    project = pyproject()["project"]
    declared = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared += extra
    pins = lock_pins()
    for spec in declared:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is declared in pyproject.toml but not locked"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"{req.name}=={pins[name]} in requirements.lock violates {req.specifier}"
        )


def test_build_backend_is_locked():
    requires = pyproject()["build-system"]["requires"]
    pins = lock_pins()
    for spec in requires:
        req = Requirement(spec)
        assert req.specifier.contains(pins[canonicalize_name(req.name)])


def test_lock_pins_everything_exactly():
    entries = lock_entries()
    assert len(entries) > 100
    for req in entries:
        (spec,) = req.specifier  # exactly one specifier ...
        assert spec.operator == "==", req  # ... and it is an exact pin
    names = {canonicalize_name(r.name) for r in entries}
    assert names == set(lock_pins()) | {
        canonicalize_name(r.name) for r in entries if r.marker and not r.marker.evaluate()
    }


def test_environment_yml_uses_the_lock_and_the_package():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    deps = env["dependencies"]
    python = next(d for d in deps if isinstance(d, str) and d.startswith("python="))
    pip_section = next(d["pip"] for d in deps if isinstance(d, dict) and "pip" in d)
    assert "-r requirements.lock" in pip_section
    assert "-e ." in pip_section
    # only pip packages come from the lock: no conda package may shadow a locked one
    conda_names = {re.split(r"[=<>]", d)[0] for d in deps if isinstance(d, str)}
    assert conda_names == {"python", "pip"}
    # the Python version agrees with the lock's target and pyproject's requirement
    version = python.split("=", 1)[1]
    header = (ROOT / "requirements.lock").read_text().splitlines()[1]
    assert f"--python-version {version}" in header
    requires = pyproject()["project"]["requires-python"]
    assert Version(version + ".0") in __import__("packaging.specifiers").specifiers.SpecifierSet(
        requires
    )


def test_makefile_installs_from_the_lock():
    makefile = (ROOT / "Makefile").read_text()
    assert "-r requirements.lock" in makefile
    assert "--no-deps" in makefile  # the package itself adds nothing unpinned
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci
