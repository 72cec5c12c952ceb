"""scripts/train.sh retrains when the content of an input changed, never for a touched file.

It runs on a copy of the project's inputs, with a stand-in `.venv/bin/rasa` that notes each call and
writes a model file: real training takes minutes and is exercised by `make test` itself."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.rasa_cli import ROOT

FAKE_RASA = """#!/usr/bin/env bash
echo "$@" >> calls.txt
mkdir -p models && echo model > models/advisor.tar.gz
"""


def project(tmp_path: Path) -> Path:
    for name in ("config.yml", "domain.yml", "requirements.txt", "requirements-vectors.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    for folder in ("data", "components", "scripts", "understanding"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "advisor").mkdir()
    shutil.copy(ROOT / "advisor" / "vocabulary.yml", tmp_path / "advisor" / "vocabulary.yml")
    rasa = tmp_path / ".venv" / "bin" / "rasa"
    rasa.parent.mkdir(parents=True)
    rasa.write_text(FAKE_RASA)
    rasa.chmod(0o755)
    return tmp_path


def train(folder: Path) -> tuple[int, str]:
    """Run the script; how many times it has called rasa so far, and what it printed."""
    run = subprocess.run(["bash", "scripts/train.sh"], cwd=folder, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    calls = folder / "calls.txt"
    return (len(calls.read_text().splitlines()) if calls.exists() else 0), run.stdout


def test_only_changed_content_retrains(tmp_path):
    folder = project(tmp_path)
    assert train(folder)[0] == 1  # no model yet
    count, said = train(folder)
    assert count == 1 and "up to date" in said

    for touched in ("config.yml", "data/nlu/faq.yml"):  # as a git checkout or an editor's save leaves them
        os.utime(folder / touched)
        assert train(folder)[0] == 1

    faq = folder / "data" / "nlu" / "faq.yml"
    faq.write_text(faq.read_text() + "\n# a changed line\n")
    assert train(folder)[0] == 2
    (folder / "components" / "extra.py").write_text('"""A new component module."""\n')
    assert train(folder)[0] == 3
    assert train(folder)[0] == 3


def test_a_failed_training_is_not_taken_for_a_model(tmp_path):
    folder = project(tmp_path)
    rasa = folder / ".venv" / "bin" / "rasa"
    rasa.write_text("#!/usr/bin/env bash\necho \"$@\" >> calls.txt\nexit 1\n")
    run = subprocess.run(["bash", "scripts/train.sh"], cwd=folder, capture_output=True, text=True, timeout=60)
    assert run.returncode != 0 and not (folder / "models" / "advisor.inputs.sha256").exists()
    rasa.write_text(FAKE_RASA)
    assert train(folder)[0] == 2  # tried again


def test_the_listed_inputs_are_what_the_model_is_trained_from():
    """The list the Makefile's date check and the script's hash both use."""
    run = subprocess.run(["bash", "scripts/train.sh", "--list-inputs"], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    listed = set(run.stdout.splitlines())
    assert {"config.yml", "domain.yml", "requirements.txt", "requirements-vectors.txt", "components/spacy_entities.py",
            "understanding/answers.yml", "understanding/reader.py", "advisor/vocabulary.yml"} <= listed
    assert {str(path.relative_to(ROOT)) for path in (ROOT / "data").rglob("*.yml")} <= listed
    assert all((ROOT / name).is_file() for name in listed)
