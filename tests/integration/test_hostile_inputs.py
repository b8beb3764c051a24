"""The hostile-input corpus (``tests/hostile/``): every bad input gets its exit code, a message in Chinese and
English naming the file (and row and column), no traceback, and the store byte-for-byte unchanged when it is
refused; accepted tricky input is stored right. See ``tests/hostile/README.md`` for the case format."""

from __future__ import annotations

import importlib.util
import os
import resource
import shutil
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from chuangye.sample.bundled import SAMPLE_DIR
from tests.integration.test_cli import CHUANGYE, run, tree_digest
from tests.read_only import read_only_command

CASES = Path(__file__).resolve().parents[1] / "hostile" / "cases"
STORES = ("sample", "empty")
DATA_OUTCOMES = ("unchanged", "changed")


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    about: str
    command: list[str]
    exit: int
    zh: list[str]
    en: list[str]
    store: str = "sample"
    data: str = "unchanged"
    absent: list[str] = field(default_factory=list)
    before: list[dict] = field(default_factory=list)  # commands that bring the store to the state the case needs
    after: list[dict] = field(default_factory=list)
    memory_mb: int | None = None  # the command's address-space cap (a reader that loads everything fails)
    timeout: int = 300
    readonly: bool = False  # the command may not write to the data directory (tests/read_only.py)

    @classmethod
    def load(cls, folder: Path) -> Case:
        spec = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
        case = cls(name=folder.name, folder=folder, **spec)
        assert case.store in STORES and case.data in DATA_OUTCOMES, f"{folder}: store/data not one of the known"
        assert case.zh and case.en, f"{folder}: a case names what the message says in Chinese and in English"
        return case

    def _make_module(self):
        if not (self.folder / "make.py").exists():
            return None
        spec = importlib.util.spec_from_file_location(f"hostile_{self.name}", self.folder / "make.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    def inputs(self, into: Path) -> Path:
        into.mkdir(parents=True)
        if (self.folder / "files").is_dir():
            shutil.copytree(self.folder / "files", into, dirs_exist_ok=True)
        if hasattr(module := self._make_module(), "make"):
            module.make(into, SAMPLE_DIR)
        return into

    def prepare(self, data_dir: Path) -> None:
        """make.py's optional ``prepare(data_dir)``: a fault put into the store before the command (a damaged file)."""
        if hasattr(module := self._make_module(), "prepare"):
            module.prepare(data_dir)


def _cases() -> list[Case]:
    return [Case.load(folder) for folder in sorted(CASES.iterdir()) if (folder / "case.toml").exists()]


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile-sample") / "data"
    assert run("versions", data_dir=path).returncode == 0  # first use imports the bundled sample
    return path


def _capped(memory_mb: int | None):
    if memory_mb is None:
        return None
    limit = memory_mb * 1024 * 1024
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _run(case: Case, args: list[str], data_dir: Path, wrap=list) -> subprocess.CompletedProcess:
    env = {**os.environ, "CHUANGYE_DATA_DIR": str(data_dir)}
    return subprocess.run(
        wrap([str(CHUANGYE), *args]),
        capture_output=True,
        text=True,
        env=env,
        timeout=case.timeout,
        preexec_fn=_capped(case.memory_mb),
    )


def test_the_corpus_is_there():
    assert _cases(), f"no case under {CASES}"


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c.name)
def test_hostile_input(case: Case, sample_store, tmp_path):
    data_dir = tmp_path / "data"
    if case.store == "sample":
        shutil.copytree(sample_store, data_dir)
    case.prepare(data_dir)
    inputs = case.inputs(tmp_path / "inputs")
    for step in case.before:
        ready = _run(case, [part.replace("{inputs}", str(inputs)) for part in step["command"]], data_dir)
        shown = ready.stdout + ready.stderr
        assert ready.returncode == step.get("exit", 0), f"{case.about}: {step['command']}\n{shown[-4000:]}"
    before = tree_digest(data_dir) if data_dir.exists() else {}
    args = [part.replace("{inputs}", str(inputs)) for part in case.command]
    if case.readonly:
        with read_only_command(data_dir) as (_, wrap):
            result = _run(case, args, data_dir, wrap)
    else:
        result = _run(case, args, data_dir)
    output = result.stdout + result.stderr
    assert result.returncode == case.exit, f"{case.about}\nexit {result.returncode}\n{output[-4000:]}"
    for word in ["Traceback", *case.absent]:
        assert word not in output, f"{case.about}: {word!r} in the output\n{output[-4000:]}"
    for word in [*case.zh, *case.en]:
        assert word in output, f"{case.about}: {word!r} not in the output\n{output[-4000:]}"
    after = tree_digest(data_dir) if data_dir.exists() else {}
    if case.data == "unchanged":
        assert after == before, f"{case.about}: the refused input changed the store"
    else:
        assert after != before, f"{case.about}: the accepted input made no new version"
    for step in case.after:
        check = _run(case, [part.replace("{inputs}", str(inputs)) for part in step["command"]], data_dir)
        shown = check.stdout + check.stderr
        assert check.returncode == step.get("exit", 0), f"{case.about}: {step['command']}\n{shown[-4000:]}"
        for word in step.get("contains", []):
            assert word in shown, f"{case.about}: {word!r} not in {step['command']}'s output\n{shown[-4000:]}"
        for word in step.get("absent", []):
            assert word not in shown, f"{case.about}: {word!r} in {step['command']}'s output\n{shown[-4000:]}"
