"""metadata.txt is the single source of truth, and the Indonesian translation is complete and used."""
import configparser
import re
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


def test_algorithm_texts_are_translated_when_asked():
    """An algorithm's name and help (processing/help.py, declared with tr_noop) follow the language installed at
    call time; help.py holds the texts of exactly the provider's algorithms."""
    from kaltim_internet_plugin.processing.help import TEXTS
    from kaltim_internet_plugin.processing.model_plan import MODEL_NAME
    from kaltim_internet_plugin.processing.provider import algorithm_classes

    assert set(TEXTS) == {a.ALG_ID for a in algorithm_classes()} | {MODEL_NAME}
    from kaltim_internet_plugin.processing.alg_coverage import CoverageAlgorithm

    alg = CoverageAlgorithm()
    english = alg.displayName(), alg.shortHelpString()
    assert english[0] == "Compute coverage (blank-spot map)" and "Longley-Rice" in english[1]
    assert install_translator("id")
    try:
        assert alg.displayName() == tr("Compute coverage (blank-spot map)") != english[0]
        assert alg.shortHelpString() == " ".join(tr(text) for text in alg.english_texts()[1]) != english[1]
    finally:
        remove_translator()
    assert (alg.displayName(), alg.shortHelpString()) == english


# Texts whose Indonesian is the English on purpose: names, file filters, codes, and terms Indonesian uses as they
# are (i18n/glossary.tsv: "blank spot"; "radio link", "FWA", "operator", "format", "solver" are used in Indonesian).
SAME_IN_INDONESIAN = {
    "{column}: {error}", "Blank spot", "tab", "metadata", "GeoPackage (*.gpkg)", "CSV (*.csv)", "Format",
    "Format: {fmt}", "Solver", "CAPEX (Rp)", "Operator", "Internet Desa Kaltim", "Internet Desa Kaltim {version}",
    "Kecamatan", "Kab/Kota", "Status ({field})", "4G FWA (router)", "Radio link",
}
# where the messages of the error paths live: the coded-error table, the labels, the input texts, and every
# algorithm, adapter and store (issue 16: every message in both languages)
MESSAGE_SOURCES = ("errors.py", "labels.py", "input_text.py", "processing", "io", "store")


def _tr_literals(path: Path) -> list:
    import ast

    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in ("tr", "tr_noop")
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            out.append((node.lineno, node.args[0].value))
    return out


def _tsv_table() -> dict:
    import importlib.util

    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.load_tsv()


def test_every_error_path_message_has_its_own_indonesian():
    table = _tsv_table()
    src = ROOT / "kaltim_internet_plugin"
    files = []
    for name in MESSAGE_SOURCES:
        files += sorted((src / name).rglob("*.py")) if (src / name).is_dir() else [src / name]
    texts, bad = 0, []
    for path in files:
        for line, text in _tr_literals(path):
            texts += 1
            idn = table.get(text)
            where = f"{path.relative_to(ROOT)}:{line}"
            if not idn:
                bad.append(f"{where}: no Indonesian for {text!r}")
            elif idn == text and text not in SAME_IN_INDONESIAN:
                bad.append(f"{where}: the Indonesian is the English: {text!r}")
            elif sorted(set(re.findall(r"\{\w+", idn))) != sorted(set(re.findall(r"\{\w+", text))):
                bad.append(f"{where}: the Indonesian has other placeholders than {text!r}")
    assert texts > 800, texts  # the walk really found the messages
    assert not bad, "\n".join(bad[:30])


def test_every_coded_core_error_has_its_message():
    """A code raised in core/ without a template in errors.py would reach the user as a bare code, in English."""
    import ast

    from kaltim_internet_plugin.errors import _table

    templates = set(_table())
    coded = ("MonitoringError", "CoverageSettingsError", "NumberError", "ProfileError", "ProgrammeError",
             "CapacityError")
    raised, missing = 0, []
    for path in sorted((ROOT / "kaltim_internet_plugin" / "core").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") in coded and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                raised += 1
                if node.args[0].value not in templates:
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.args[0].value}")
    assert raised > 50, raised
    assert not missing, "\n".join(missing)
