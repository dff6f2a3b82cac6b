"""The stand-alone verifier is several files of a bundle's tools/ folder (verify_bundle.py with
archives.py, bundle_report.py and bundle_ledger.py beside it). A recipient who copies
verify_bundle.py out on its own is told which file is missing and where it is, not shown a
Python traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import disputedesk.documents as documents_pkg
import disputedesk.ingest as ingest_pkg


def test_a_verifier_copied_alone_names_the_files_it_needs(tmp_path: Path) -> None:
    src = Path(documents_pkg.__file__).parent
    shutil.copy(src / "bundle_verify.py", tmp_path / "verify_bundle.py")
    shutil.copy(Path(ingest_pkg.__file__).parent / "archives.py", tmp_path / "archives.py")
    r = subprocess.run(
        [sys.executable, "-I", str(tmp_path / "verify_bundle.py"), "bundle.zip"], capture_output=True, text=True
    )
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr, r.stderr
    assert "bundle_ledger.py" in r.stderr and "tools/" in r.stderr, r.stderr
