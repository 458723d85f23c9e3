"""What the robustness tests share: a copy of the sample GeoPackage to break things in (``gpkg``), its Bontang subset
(``SUBSET``), a file's checksum (``digest``) and :func:`fails`, a run that must stop with a message a user can act
on (no traceback, no "please report", no temporary file name)."""
from __future__ import annotations

import hashlib
import shutil

import pytest

from tests.conftest import SAMPLE

SUBSET = "|layername=villages|subset=\"kode_kab\" = '64.74'"


def digest(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


@pytest.fixture()
def gpkg(tmp_path):
    dest = tmp_path / "data" / "villages.gpkg"
    dest.parent.mkdir()
    shutil.copy(SAMPLE / "kaltim_sample.gpkg", dest)
    return dest


def fails(alg, params):
    """Run ``kaltiminternet:alg``: it must raise a QgsProcessingException whose text is for the user; returns it."""
    import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as exc:
        processing.run(f"kaltiminternet:{alg}", params)
    text = str(exc.value)
    assert "Traceback" not in text and "Unexpected error" not in text and "report it" not in text
    assert ".kaltim-partial-" not in text
    return text
