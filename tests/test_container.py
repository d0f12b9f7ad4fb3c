"""The Dockerfile: hadolint passes, and the image really builds and answers (buildah + podman on
a debootstrapped base, scripts/container-test)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_hadolint_passes() -> None:
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    result = subprocess.run(
        [hadolint, "--no-color", "Dockerfile"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="buildah and podman need root here")
def test_the_image_builds_runs_and_answers() -> None:
    result = subprocess.run(
        [str(ROOT / "scripts" / "container-test")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    summary = result.stdout.strip().splitlines()[-1]
    print(summary)  # image size, build and start times, for the CI log
    assert re.match(r"container-test: ok \(image \d+ MiB", summary)
    assert "ok: 11 laws; laws-by-campaign has" in result.stdout
