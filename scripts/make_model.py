#!/usr/bin/env python3
"""Saves the full-plan model (kaltim_internet_plugin/processing/model_plan.py) as a .model3 file for the Model
Designer.

    make model                                            # = resources/models/rencana_internet_desa.model3
    /usr/bin/python3 scripts/make_model.py OUT.model3     # elsewhere

The provider registers the same model as ``kaltiminternet:fullplan`` (built in code at load time); the file is for
officers who open it in QGIS (Processing > Graphical Modeler > Open Model) to change a step's settings or add
steps, and for ``qgis_process run FILE.model3``. tests/chain/test_plan_model.py checks that the committed file is
the model the code builds, so change the builder, run this and commit the file.
"""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "resources" / "models" / "rencana_internet_desa.model3"
sys.path.insert(0, str(ROOT / "scripts"))

from qgis_headless import start_qgis  # noqa: E402


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else DEFAULT
    start_qgis()
    from qgis.core import QgsApplication

    from kaltim_internet_plugin.processing.model_plan import build_plan_model

    provider = QgsApplication.processingRegistry().providerById("kaltiminternet")
    model = build_plan_model({a.name(): a for a in provider.algorithms()}, provider.id())
    out.parent.mkdir(parents=True, exist_ok=True)
    if not model.toFile(str(out)):
        print(f"cannot write {out}", file=sys.stderr)
        return 1
    canonical(out)
    print(f"wrote {out}")
    return 0


def canonical(path: Path) -> None:
    """Rewrites the file with every element's attributes sorted (Qt writes them in a hash order that changes from
    run to run), so that a regeneration without changes gives no diff."""
    text = path.read_text(encoding="utf-8")
    doctype, _, body = text.partition("\n")
    root = ET.fromstring(body)
    for element in root.iter():
        items = sorted(element.attrib.items())
        element.attrib.clear()
        element.attrib.update(items)
    ET.indent(root, space="  ")
    path.write_text(doctype + "\n" + ET.tostring(root, encoding="unicode") + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
