"""metadata.txt is the single source of truth, and the Indonesian translation is complete and used."""
import configparser
import subprocess
import sys
from pathlib import Path

from kaltim_internet_plugin import paths
from kaltim_internet_plugin.i18n import install_translator, remove_translator, tr

ROOT = Path(__file__).resolve().parents[2]


def test_metadata_is_complete_and_consistent():
    meta = configparser.ConfigParser(interpolation=None)
    meta.read(ROOT / "metadata.txt", encoding="utf-8")
    g = meta["general"]
    for key in ("name", "qgisMinimumVersion", "description", "about", "version", "author", "email", "repository",
                "tracker", "icon", "hasProcessingProvider", "changelog"):
        assert g.get(key), key
    assert g["hasProcessingProvider"] == "yes"
    assert g["qgisMinimumVersion"] == "3.22"
    assert g["version"] in g["changelog"], "the changelog must describe the current version"
    assert (ROOT / g["icon"]).exists()
    assert paths.version() == g["version"]


def test_translation_file_is_complete_and_fresh():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "check"], capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_indonesian_locale_translates():
    assert install_translator("id"), "the .qm must be built (make translations)"
    try:
        assert tr("Validate") == "Validasi"
        assert tr("Load Kaltim sample") == "Muat sampel Kaltim"
    finally:
        remove_translator()
    assert tr("Validate") == "Validate"
