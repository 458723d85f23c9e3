"""Benchmark: one what-if preview vs a full coverage run on the sample.

Usage (from the repo root):
    /usr/bin/python3 bench/bench_whatif.py [--radius 30000] [--repeats 5] [--model p526]

1. full coverage run (core.coverage.run_coverage, p526) of the sample's 436 SYNTHETIC towers
   (resources/sample/kaltim_sample.gpkg, layer towers, read with ogr and transformed to EPSG:32750) on the
   sample DEM (resources/sample/kaltim_dem_synthetic_250m.tif, 250 m cells);
2. the sample villages classified on that raster (core.classify), as the what-if engine's villages;
3. one what-if preview (core.whatif.WhatIfEngine.preview + the preview GeoTIFF) of a new 4G site in the
   middle of the province: the first (cold) call, then the median of ``--repeats`` moves of that site
   (each move recomputes that one site).
Prints the times and the ratio full run / one preview. Target: one preview < 1 s on 2 cores.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for p in (os.environ.get("QGIS_PLUGINPATH", ""), ROOT):
    if p and p not in sys.path:
        sys.path.insert(0, p)

from osgeo import gdal, ogr, osr  # noqa: E402

from kaltim_internet_plugin.core import classify as cl  # noqa: E402
from kaltim_internet_plugin.core import coverage as cov  # noqa: E402
from kaltim_internet_plugin.core import whatif as wi  # noqa: E402
from kaltim_internet_plugin.core.sites import TECH_DEFAULTS  # noqa: E402

SAMPLE = os.path.join(ROOT, "resources", "sample")
DEM = os.path.join(SAMPLE, "kaltim_dem_synthetic_250m.tif")
GPKG = os.path.join(SAMPLE, "kaltim_sample.gpkg")


def _transform(layer):
    dst = osr.SpatialReference()
    dst.ImportFromEPSG(32750)
    dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    src = layer.GetSpatialRef()
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return osr.CoordinateTransformation(src, dst)


def read_towers():
    ds = ogr.Open(GPKG)
    layer = ds.GetLayerByName("towers")
    ct = _transform(layer)
    sites = []
    for f in layer:
        g = f.GetGeometryRef().Clone()
        g.Transform(ct)
        tech = (f.GetField("tech") or "4G").upper()
        d = TECH_DEFAULTS.get(tech, TECH_DEFAULTS["4G"])

        def val(name, default, f=f):
            v = f.GetField(name)
            return float(v) if v is not None else default

        sites.append(cov.Site(str(f.GetField("site_id")), g.GetX(), g.GetY(), val("height_m", d["height_m"]),
                              val("freq_mhz", d["freq_mhz"]), val("eirp_dbm", d["eirp_dbm"])))
    return sites


def read_villages():
    ds = ogr.Open(GPKG)
    layer = ds.GetLayerByName("villages")
    ct = _transform(layer)
    out = []
    for f in layer:
        g = f.GetGeometryRef()
        if g is None:
            continue
        g = g.Clone()
        g.Transform(ct)
        out.append((f.GetFID(), f.GetField("kode"), f.GetField("nama"), f.GetField("population"), g.ExportToWkb()))
    return out


def province_middle():
    ds = ogr.Open(GPKG)
    layer = ds.GetLayerByName("province")
    ct = _transform(layer)
    f = layer.GetNextFeature()
    g = f.GetGeometryRef().Clone()
    g.Transform(ct)
    p = g.PointOnSurface()
    return p.GetX(), p.GetY()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--radius", type=float, default=30000.0)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--model", default="p526")
    args = ap.parse_args()
    gdal.SetCacheMax(256 * 1024 * 1024)
    tmp = tempfile.mkdtemp(prefix="bench_whatif_")
    sites = read_towers()
    out = os.path.join(tmp, "coverage.tif")
    t0 = time.perf_counter()
    stats = cov.run_coverage(DEM, sites, out, model=args.model, max_radius_m=args.radius)
    t_full = time.perf_counter() - t0
    rows = read_villages()
    t0 = time.perf_counter()
    results, _ = cl.classify_villages(out, [cl.VillageInput(id=r[0], wkb=r[4], population=r[3]) for r in rows])
    t_classify = time.perf_counter() - t0
    villages = [wi.WhatIfVillage(id=r[0], code=r[1] or "", name=r[2] or "", population=r[3], status=res.status,
                                 cov_share=res.cov_share, wkb=r[4]) for r, res in zip(rows, results)]
    t0 = time.perf_counter()
    engine = wi.WhatIfEngine(DEM, out, villages, wi.WhatIfParams.from_raster_metadata(out))
    t_engine = time.perf_counter() - t0
    x, y = province_middle()

    def one(i, dx):
        site = engine.site_with_defaults(f"PLAN-{i}", x + dx, y, "4G")
        t = time.perf_counter()
        res = engine.preview(site, "4G")
        wi.write_preview_tif(res, os.path.join(tmp, f"preview_{i}.tif"))
        return time.perf_counter() - t, res

    cov.reset_work_counter()
    t_cold, res = one(0, 0.0)
    times = []
    for k in range(args.repeats):
        t, _ = one(0, (k + 1) * 500.0)  # moving the same site: recomputes it
        times.append(t)
    t_move = statistics.median(times)
    assert cov.WORK_COUNTER["sites_computed"] == 1 + args.repeats
    s = res.summary()
    print(f"sample DEM: {DEM} (250 m cells), radius {args.radius / 1000:.0f} km, model {args.model}, "
          f"{os.cpu_count()} CPU(s)")
    print(f"full coverage run : {t_full:8.2f} s  ({stats['sites_computed']} of {len(sites)} towers)")
    print(f"classify villages : {t_classify:8.2f} s  ({len(villages)} villages; once, not per preview)")
    print(f"what-if engine set-up: {t_engine:5.2f} s  (once per input change)")
    print(f"one what-if preview: {t_cold:7.3f} s  cold (first call), {t_move:.3f} s median of {args.repeats} moves "
          f"(window {res.array.shape[1]} x {res.array.shape[0]} cells, incl. preview GeoTIFF)")
    print(f"ratio full run / one preview: {t_full / t_move:,.0f} x")
    print(f"preview at ({x:.0f}, {y:.0f}): {s['people_newly_covered']:,} people and "
          f"{s['villages_newly_covered']} villages newly covered ({s['villages_improved']} improve), overlap "
          f"{100 * s['overlap_share']:.0f} %")
    # a second site in the most populous blank spot (many villages to rasterise and update)
    blank = [v for v in villages if v.status == "blank_spot" and v.population]
    if blank:
        v = max(blank, key=lambda v: v.population)
        c = ogr.CreateGeometryFromWkb(v.wkb).PointOnSurface()
        site = engine.site_with_defaults("PLAN-BLANK", c.GetX(), c.GetY(), "4G")
        t = time.perf_counter()
        r2 = engine.preview(site, "4G")
        wi.write_preview_tif(r2, os.path.join(tmp, "preview_blank.tif"))
        t_blank = time.perf_counter() - t
        s2 = r2.summary()
        print(f"one what-if preview in blank spot {v.name} ({v.code}): {t_blank:.3f} s -> "
              f"{s2['people_newly_covered']:,} people, {s2['villages_newly_covered']} villages newly covered "
              f"({s2['villages_improved']} improve, {s2['villages_gaining']} gain signal), overlap "
              f"{100 * s2['overlap_share']:.0f} %")
        times.append(t_blank)
    print(f"slowest preview: {max([t_cold] + times):.3f} s (target: under 1 s for one site on 2 cores)")


if __name__ == "__main__":
    main()
