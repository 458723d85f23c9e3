#!/usr/bin/env python3
"""Builds the sample's programme-status table (ILLUSTRATIVE) and fibre points of presence (SYNTHETIC) from the
bundled sample (resources/sample/kaltim_sample.gpkg); deterministic, no network, no QGIS.

Public counts it follows (issue 14, read 2026-12): the province's free-internet programme had connected about 802
of 841 desa by January 2026 (about 347 on fibre services such as IndiHome / Telkom WMS / Icon+, 131 on Telkomsel
Orbit 4G FWA, Starlink sites of which 158 are to move to fibre), with Kutai Barat and Mahakam Ulu lagging; the
2025 package cost Rp 12-12.5 bn for 716 desa. Which desa is which is NOT public: the rules below make a
plausible, clearly illustrative assignment.

* fibre points (SYNTHETIC): a PoP at the office of the most populous village of each kecamatan, except kecamatan
  of Kutai Barat (64.07) and Mahakam Ulu (64.11) without a kelurahan (the interior has no fibre backbone), and an
  ODP at the office of each desa the table puts on a fibre service.
* not connected (39 desa): the Kutai Barat and Mahakam Ulu desa farthest from any sample tower.
* fibre service (347): the connected desa nearest a fibre PoP; satellite (158, the Starlink sites to move to
  fibre): the next nearest, where fibre did not reach yet but can be extended; FWA (131): of the rest, those
  nearest a sample 4G tower; the remaining 166 are connected with the technology not reported (left empty, as
  in the public counts).
* fees (Rp a month, written the Indonesian way): fibre service 1.500.000, FWA 500.000, Starlink 1.250.000, empty
  when the technology is not reported; contracts end 31-12-2026, except every 25th row 31-12-2025 (renewal due).
"""
from __future__ import annotations

import csv
import math
import sys
from pathlib import Path

from osgeo import ogr, osr

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "sample"
GPKG = SAMPLE / "kaltim_sample.gpkg"
POPS = SAMPLE / "kaltim_fibre_pops_synthetic.gpkg"
STATUS = SAMPLE / "programme_status_ILLUSTRATIVE.csv"
LAGGING = ("64.07", "64.11")
COUNTS = {"not_connected": 39, "satellite": 158, "fibre_service": 347, "fwa": 131}
FIBRE_PROVIDERS = ("Telkom IndiHome", "Telkom WMS", "Icon+")


def utm(lon: float, lat: float, tr) -> tuple:
    p = tr.TransformPoint(lat, lon)  # EPSG:4326 axis order lat, lon
    return p[0], p[1]


def main() -> int:
    ds = ogr.Open(str(GPKG))
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4326)
    dst.ImportFromEPSG(32750)
    tr = osr.CoordinateTransformation(src, dst)
    offices = []
    for f in ds.GetLayerByName("offices"):
        g = f.GetGeometryRef()
        x, y = utm(g.GetX(), g.GetY(), tr)
        offices.append({"kode": f["kode"], "nama": f["nama"], "jenis": f["jenis"], "kode_kec": f["kode_kec"],
                        "nama_kec": f["nama_kec"], "kode_kab": f["kode_kab"], "population": f["population"],
                        "lon": g.GetX(), "lat": g.GetY(), "x": x, "y": y})
    towers = []
    for f in ds.GetLayerByName("towers"):
        g = f.GetGeometryRef()
        x, y = utm(g.GetX(), g.GetY(), tr)
        towers.append((x, y, f["tech"]))

    def nearest(o, pts):
        return min(math.hypot(o["x"] - p[0], o["y"] - p[1]) for p in pts) if pts else math.inf

    # fibre PoPs ---------------------------------------------------------------------------------------------
    by_kec = {}
    for o in offices:
        by_kec.setdefault(o["kode_kec"], []).append(o)
    pops = []
    for kec in sorted(by_kec):
        members = by_kec[kec]
        if members[0]["kode_kab"] in LAGGING and not any(m["jenis"] == "kelurahan" for m in members):
            continue
        top = max(members, key=lambda m: (m["population"], m["kode"]))
        pops.append(top)
    # programme status -------------------------------------------------------------------------------------------
    pop_xy = [(p["x"], p["y"]) for p in pops]
    tower_xy = [(t[0], t[1]) for t in towers]
    tower4g = [(t[0], t[1]) for t in towers if t[2] == "4G"]
    desa = [o for o in offices if o["jenis"] == "desa"]
    lagging = sorted((o for o in desa if o["kode_kab"] in LAGGING), key=lambda o: (-nearest(o, tower_xy), o["kode"]))
    not_connected = {o["kode"] for o in lagging[:COUNTS["not_connected"]]}
    connected = [o for o in desa if o["kode"] not in not_connected]
    tech = {}
    by_pop = sorted(connected, key=lambda o: (nearest(o, pop_xy), o["kode"]))
    for o in by_pop[:COUNTS["fibre_service"]]:
        tech[o["kode"]] = "fibre_service"
    # Starlink where no fibre service reached, but where fibre can be extended (the 158 to move to fibre)
    for o in by_pop[COUNTS["fibre_service"]:COUNTS["fibre_service"] + COUNTS["satellite"]]:
        tech[o["kode"]] = "satellite"
    rest = sorted((o for o in connected if o["kode"] not in tech), key=lambda o: (nearest(o, tower4g), o["kode"]))
    for o in rest[:COUNTS["fwa"]]:
        tech[o["kode"]] = "fwa"
    # fibre points: the kecamatan PoPs and an ODP at each office a fibre service reaches
    odps = [o for o in connected if tech.get(o["kode"]) == "fibre_service" and o not in pops]
    drv = ogr.GetDriverByName("GPKG")
    if POPS.exists():
        drv.DeleteDataSource(str(POPS))
    out = drv.CreateDataSource(str(POPS))
    lyr = out.CreateLayer("fibre_pops", src, ogr.wkbPoint, ["DESCRIPTION=SYNTHETIC fibre points of presence"])
    for name, ftype in (("pop_id", ogr.OFTString), ("kind", ogr.OFTString), ("kode_kec", ogr.OFTString),
                        ("village", ogr.OFTString), ("source", ogr.OFTString)):
        lyr.CreateField(ogr.FieldDefn(name, ftype))
    for k, (p, kind) in enumerate([(p, "pop") for p in pops] + [(o, "odp") for o in odps], start=1):
        f = ogr.Feature(lyr.GetLayerDefn())
        f["pop_id"], f["kind"], f["kode_kec"], f["village"], f["source"] = (f"FO-{k:04d}", kind, p["kode_kec"],
                                                                            p["nama"], "synthetic")
        pt = ogr.Geometry(ogr.wkbPoint)
        pt.AddPoint_2D(p["lon"], p["lat"])
        f.SetGeometry(pt)
        lyr.CreateFeature(f)
    out = None
    words = {"satellite": ("Starlink", "Starlink", "1.250.000"), "fwa": ("Orbit 4G", "Telkomsel Orbit", "500.000")}
    with open(STATUS, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["kode_desa", "nama_desa", "kecamatan", "terhubung", "teknologi", "penyedia", "biaya_bulanan",
                    "sejak", "kontrak_berakhir"])
        for k, o in enumerate(sorted(desa, key=lambda o: o["kode"]), start=1):
            if o["kode"] in not_connected:
                w.writerow([o["kode"], o["nama"], o["nama_kec"], "tidak", "", "", "", "", ""])
                continue
            t = tech.get(o["kode"], "")
            if t == "fibre_service":
                label, provider, fee = "IndiHome" if k % 3 else "Fiber optik", FIBRE_PROVIDERS[k % 3], "1.500.000"
            elif t:
                label, provider, fee = words[t]
            else:
                label, provider, fee = "", "", ""
            since = f"{1 + k % 28:02d}-{1 + k % 12:02d}-{2024 + (k % 5 > 2)}"
            end = "31-12-2025" if k % 25 == 0 else "31-12-2026"
            w.writerow([o["kode"], o["nama"], o["nama_kec"], "ya", label, provider, fee, since, end])
    counts = {t: sum(1 for v in tech.values() if v == t) for t in ("satellite", "fibre_service", "fwa")}
    print(f"fibre points (synthetic): {len(pops)} PoPs + {len(odps)} ODPs -> {POPS.name}")
    print(f"programme status (illustrative): {len(desa)} desa, {len(connected)} connected {counts}, "
          f"{len(connected) - sum(counts.values())} technology not reported -> {STATUS.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
