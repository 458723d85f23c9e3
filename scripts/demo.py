#!/usr/bin/env python3
"""`make demo`: the main job, headless, on the bundled Kalimantan Timur sample. Writes the results to out/.

Steps so far: 1. checkvillages (validation report + findings) -> out/villages.gpkg, out/validation.html,
out/summary.txt. Later steps of the chain are added as their tools land.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from qgis_headless import run, start_qgis  # noqa: E402


class Printer:
    def __init__(self):
        self.t0 = time.time()

    def step(self, n, total, text):
        print(f"[{time.time() - self.t0:6.1f}s] {n}/{total} {text}", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="out")
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    start_qgis()
    from qgis.core import QgsVectorFileWriter, QgsVectorLayer, QgsCoordinateTransformContext, QgsProject

    from kaltim_internet_plugin.io import sample

    p = Printer()
    total = 2
    p.step(1, total, "checkvillages on the sample villages")
    res = run("kaltiminternet:checkvillages", {
        "INPUT": sample.layer_uri("villages"), "DEM": sample.dem_path(),
        "OUTPUT_REPORT": str(out / "validation.html")})
    p.step(2, total, "writing out/villages.gpkg")
    gpkg = out / "villages.gpkg"
    if gpkg.exists():
        gpkg.unlink()
    for i, name in enumerate(("villages", "offices", "kecamatan", "kabkota")):
        layer = QgsVectorLayer(sample.layer_uri(name), name, "ogr")
        opts = QgsVectorFileWriter.SaveVectorOptions()
        opts.driverName = "GPKG"
        opts.layerName = name
        opts.actionOnExistingFile = (QgsVectorFileWriter.CreateOrOverwriteFile if i == 0
                                     else QgsVectorFileWriter.CreateOrOverwriteLayer)
        err = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(gpkg), QgsCoordinateTransformContext(), opts)
        if err[0] != QgsVectorFileWriter.NoError:
            print(f"demo: cannot write {name}: {err}", file=sys.stderr)
            return 1
    villages = QgsVectorLayer(sample.layer_uri("villages"), "villages", "ogr")
    per_kab: dict = {}
    for f in villages.getFeatures():
        entry = per_kab.setdefault(f["nama_kab"], {"villages": 0, "desa": 0, "kelurahan": 0, "population": 0})
        entry["villages"] += 1
        entry[f["jenis"]] += 1
        entry["population"] += int(f["population"] or 0)
    lines = ["Internet Desa Kaltim — demo summary (sample: real boundaries, ESTIMATED population, "
             "SYNTHETIC DEM and towers)", "",
             f"Validation: valid={res['VALID']} errors={res['ERROR_COUNT']} warnings={res['WARNING_COUNT']} "
             f"features={res['FEATURE_COUNT']} (scheme {res['SCHEME']}, code field {res['CODE_FIELD']})",
             "", f"{'Kab/Kota':32s} {'villages':>8s} {'desa':>5s} {'kel.':>5s} {'population (est.)':>18s}"]
    for kab, e in sorted(per_kab.items()):
        lines.append(f"{kab:32s} {e['villages']:8d} {e['desa']:5d} {e['kelurahan']:5d} {e['population']:18,d}")
    lines.append(f"{'Total':32s} {sum(e['villages'] for e in per_kab.values()):8d} "
                 f"{sum(e['desa'] for e in per_kab.values()):5d} {sum(e['kelurahan'] for e in per_kab.values()):5d} "
                 f"{sum(e['population'] for e in per_kab.values()):18,d}")
    from kaltim_internet_plugin.io.layers import validate_layer

    report = validate_layer(villages)
    lines += ["", "Validation findings (errors and warnings):"]
    lines += [f"  [{f.severity}] {f.message} -> {f.fix}" for f in report.findings if f.severity != "info"] or ["  none"]
    text = "\n".join(lines) + "\n"
    (out / "summary.txt").write_text(text, encoding="utf-8")
    (out / "summary.json").write_text(json.dumps({"validation": {k: res[k] for k in (
        "VALID", "ERROR_COUNT", "WARNING_COUNT", "FEATURE_COUNT", "CODE_FIELD", "NAME_FIELD", "POPULATION_FIELD")},
        "per_kabkota": per_kab}, indent=2, ensure_ascii=False), encoding="utf-8")
    print(text)
    print(f"Outputs in {out}: " + ", ".join(sorted(x.name for x in out.iterdir())))
    QgsProject.instance().clear()
    return 0


if __name__ == "__main__":
    sys.exit(main())
