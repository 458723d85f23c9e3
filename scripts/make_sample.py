#!/usr/bin/env python3
"""Rebuild resources/sample/ (the bundled Kalimantan Timur sample).

Real data (village/kecamatan/kab-kota boundaries, kab/kota population) is copied from a source folder
(default ../shared/data/real; pass --src for another copy). What the real data lacks is generated here,
deterministically, and labelled:

* village population: ESTIMATED from the real kab/kota totals (method below, field ``pop_flag='estimated'``);
* DEM: SYNTHETIC terrain (``kaltim_dem_synthetic_250m.tif``, metadata SOURCE=synthetic);
* towers: SYNTHETIC existing sites (``towers`` layer, field ``source='synthetic'``);
* land cover: SYNTHETIC ESA WorldCover classes (``kaltim_landcover_synthetic.tif``, EPSG:4326, metadata
  SOURCE=synthetic), derived from the synthetic DEM and the village offices (``--landcover-only`` rebuilds just it).

Population method: within each kab/kota the official total (Dukcapil 2025) is split over its villages in
proportion to w = t × A^0.3, with t = 5 for a kelurahan (urban) and 1 for a desa, A the village area in km²;
integers by largest remainder, so every kab/kota total matches the official figure exactly.

Run: /usr/bin/python3 scripts/make_sample.py [--src DIR]   (or: make sample)
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import shutil
import sys
from pathlib import Path

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ogr.UseExceptions()

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "sample"
GPKG = OUT / "kaltim_sample.gpkg"
DEM = OUT / "kaltim_dem_synthetic_250m.tif"
LANDCOVER = OUT / "kaltim_landcover_synthetic.tif"
LANDCOVER_SEED = 6402
LANDCOVER_RES_DEG = 0.0025  # ~280 m, in EPSG:4326 like ESA WorldCover (so the plugin's resampling is exercised)
UTM = 32750
RES = 250.0
SEED = 6400


def srs(epsg: int) -> osr.SpatialReference:
    s = osr.SpatialReference()
    s.ImportFromEPSG(epsg)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


WGS84 = srs(4326)
UTM_SRS = srs(UTM)
TO_UTM = osr.CoordinateTransformation(WGS84, UTM_SRS)


def read_geojson(path: Path) -> list:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["features"]


def estimate_population(villages: list, kab_pop: dict) -> None:
    by_kab: dict = {}
    for v in villages:
        geom = ogr.CreateGeometryFromJson(json.dumps(v["geometry"]))
        geom.Transform(TO_UTM)
        area_km2 = max(geom.GetArea() / 1e6, 0.05)
        t = 5.0 if v["properties"]["jenis"] == "kelurahan" else 1.0
        v["_w"] = t * area_km2 ** 0.3
        v["_area"] = area_km2
        by_kab.setdefault(v["properties"]["kode_kab"], []).append(v)
    for kab, items in by_kab.items():
        total = kab_pop[kab]
        wsum = sum(i["_w"] for i in items)
        raw = [total * i["_w"] / wsum for i in items]
        base = [int(math.floor(r)) for r in raw]
        rest = total - sum(base)
        order = sorted(range(len(items)), key=lambda k: (-(raw[k] - base[k]), items[k]["properties"]["kode"]))
        for k in order[:rest]:
            base[k] += 1
        for i, pop in zip(items, base):
            i["properties"]["population"] = pop
            i["properties"]["pop_flag"] = "estimated"
            i["properties"]["area_km2"] = round(i["_area"], 3)


def create_layer(ds, name: str, geom_type, fields: list, epsg: int = 4326, description: str = ""):
    layer = ds.CreateLayer(name, srs(epsg), geom_type, options=[f"DESCRIPTION={description}"] if description else [])
    for fname, ftype in fields:
        layer.CreateField(ogr.FieldDefn(fname, ftype))
    return layer


def add_features(layer, features: list, fields: list, geom_from) -> None:
    layer.StartTransaction()
    defn = layer.GetLayerDefn()
    for feat in features:
        out = ogr.Feature(defn)
        for fname, _ in fields:
            value = feat["properties"].get(fname)
            if value is not None:
                out.SetField(fname, value)
        out.SetGeometry(geom_from(feat))
        layer.CreateFeature(out)
    layer.CommitTransaction()


def write_vectors(src: Path) -> list:
    villages = read_geojson(src / "kaltim_desa_kelurahan_boundaries.geojson")
    points = {r["kode"]: r for r in csv.DictReader(open(src / "kaltim_desa_kelurahan_points.csv", encoding="utf-8"))}
    kab_pop = {r["kode"]: int(r["penduduk_total"]) for r in csv.DictReader(
        open(src / "kaltim_kabkota_penduduk_luas.csv", encoding="utf-8")) if len(r["kode"]) == 5}
    estimate_population(villages, kab_pop)
    villages.sort(key=lambda v: v["properties"]["kode"])
    if GPKG.exists():
        GPKG.unlink()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(GPKG))
    vfields = [("kode", ogr.OFTString), ("nama", ogr.OFTString), ("jenis", ogr.OFTString),
               ("kode_kec", ogr.OFTString), ("nama_kec", ogr.OFTString), ("kode_kab", ogr.OFTString),
               ("nama_kab", ogr.OFTString), ("population", ogr.OFTInteger), ("pop_flag", ogr.OFTString),
               ("area_km2", ogr.OFTReal)]
    lyr = create_layer(ds, "villages", ogr.wkbMultiPolygon, vfields,
                       description="Desa/kelurahan boundaries (real, cahyadsn/wilayah_boundaries, MIT); "
                                   "population ESTIMATED from kab/kota totals")
    add_features(lyr, villages, vfields, lambda f: ogr.ForceToMultiPolygon(
        ogr.CreateGeometryFromJson(json.dumps(f["geometry"]))))
    lyr = create_layer(ds, "offices", ogr.wkbPoint, vfields,
                       description="Village office points (a point inside each village polygon; real); "
                                   "population ESTIMATED")

    def office_point(f):
        p = points[f["properties"]["kode"]]
        g = ogr.Geometry(ogr.wkbPoint)
        g.AddPoint_2D(float(p["pos_lng"]), float(p["pos_lat"]))
        return g
    add_features(lyr, villages, vfields, office_point)
    for name, fname, fields in (
        ("kecamatan", "kaltim_kecamatan_boundaries.geojson",
         [("kode", ogr.OFTString), ("nama", ogr.OFTString), ("kode_kab", ogr.OFTString), ("nama_kab", ogr.OFTString)]),
        ("kabkota", "kaltim_kabkota_boundaries.geojson",
         [("kode", ogr.OFTString), ("nama", ogr.OFTString), ("jenis", ogr.OFTString)]),
        ("province", "kaltim_provinsi_boundary.geojson", [("kode", ogr.OFTString), ("nama", ogr.OFTString)]),
    ):
        feats = sorted(read_geojson(src / fname), key=lambda f: f["properties"]["kode"])
        if name == "kabkota":
            for f in feats:
                f["properties"]["population"] = kab_pop[f["properties"]["kode"]]
            fields = fields + [("population", ogr.OFTInteger)]
        lyr = create_layer(ds, name, ogr.wkbMultiPolygon, fields, description="real boundaries (MIT)")
        add_features(lyr, feats, fields, lambda f: ogr.ForceToMultiPolygon(
            ogr.CreateGeometryFromJson(json.dumps(f["geometry"]))))
    ds = None
    for fname in ("SOURCES.md", "kaltim_kabkota_penduduk_luas.csv"):
        shutil.copyfile(src / fname, OUT / ("SOURCES_real_data.md" if fname == "SOURCES.md" else fname))
    return villages


def smooth_noise(rng, shape, cells: int) -> np.ndarray:
    """Value noise: a coarse random grid (one value every ``cells``) bilinearly upsampled to ``shape``."""
    from scipy.ndimage import zoom

    gh, gw = shape[0] // cells + 3, shape[1] // cells + 3
    coarse = rng.standard_normal((gh, gw))
    fine = zoom(coarse, cells, order=3)
    return fine[: shape[0], : shape[1]]


def write_dem(province_geojson: Path) -> tuple:
    # Extent: province bbox in UTM 50S plus a 5 km margin, snapped to the 250 m grid.
    prov = ogr.CreateGeometryFromJson(json.dumps(read_geojson(province_geojson)[0]["geometry"]))
    prov.Transform(TO_UTM)
    minx, maxx, miny, maxy = prov.GetEnvelope()
    minx = math.floor((minx - 5000) / RES) * RES
    maxx = math.ceil((maxx + 5000) / RES) * RES
    miny = math.floor((miny - 5000) / RES) * RES
    maxy = math.ceil((maxy + 5000) / RES) * RES
    w, h = int((maxx - minx) / RES), int((maxy - miny) / RES)
    xs = minx + (np.arange(w) + 0.5) * RES
    ys = maxy - (np.arange(h) + 0.5) * RES
    # lon/lat of every cell (for describing the landforms in geographic terms)
    to_wgs = osr.CoordinateTransformation(UTM_SRS, WGS84)
    gx, gy = np.meshgrid(xs[::8], ys[::8])
    pts = np.array(to_wgs.TransformPoints(np.column_stack([gx.ravel(), gy.ravel()]).tolist()))
    from scipy.ndimage import zoom

    lon = zoom(pts[:, 0].reshape(gx.shape), (h / gx.shape[0], w / gx.shape[1]), order=1)[:h, :w]
    lat = zoom(pts[:, 1].reshape(gx.shape), (h / gx.shape[0], w / gx.shape[1]), order=1)[:h, :w]
    rng = np.random.default_rng(SEED)

    # Province mask and a sea mask: east of the province's easternmost land in each row is sea.
    mem = gdal.GetDriverByName("MEM").Create("", w, h, 1, gdal.GDT_Byte)
    mem.SetGeoTransform((minx, RES, 0, maxy, 0, -RES))
    mem.SetProjection(UTM_SRS.ExportToWkt())
    vds = ogr.GetDriverByName("Memory").CreateDataSource("")
    vl = vds.CreateLayer("p", UTM_SRS, ogr.wkbMultiPolygon)
    f = ogr.Feature(vl.GetLayerDefn())
    f.SetGeometry(prov)
    vl.CreateFeature(f)
    gdal.RasterizeLayer(mem, [1], vl, burn_values=[1], options=["ALL_TOUCHED=TRUE"])
    land = mem.ReadAsArray().astype(bool)
    sea = np.zeros_like(land)
    cols = np.arange(w)
    for r in range(h):
        row = np.nonzero(land[r])[0]
        if row.size:
            sea[r] = cols > row.max()
        else:
            sea[r] = lon[r] > 117.5
    # Regional trend: low in the east, rising to the western border ranges (~1,800 m near 114°E).
    west = np.clip((117.6 - lon) / 3.6, 0, 1)
    trend = 40 + 1250 * west ** 2.2
    # Mahakam basin: a broad low around the middle Mahakam / Kutai lakes (~116.3°E, -0.3°).
    basin = np.exp(-(((lon - 116.3) / 0.9) ** 2 + ((lat + 0.3) / 0.5) ** 2))
    trend = trend * (1 - 0.85 * basin)
    # Mahakam river valley: a meandering low line from Mahakam Ulu (114.6°E, 0.6°) to the delta (117.4°E, -0.6°).
    t = np.clip((lon - 114.3) / 3.1, 0, 1)
    river_lat = 0.7 - 1.3 * t + 0.18 * np.sin(t * 9.0)
    valley = np.exp(-(((lat - river_lat) / 0.12) ** 2)) * np.clip((lon - 114.3) / 0.3, 0, 1)
    trend = trend * (1 - 0.75 * valley)
    # Meratus range in the south: a SW–NE ridge (115.6°E,-2.6° to 116.4°E,-1.2°), ~1,100 m.
    d_ridge = ((lon - 115.6) * 1.75 - (lat + 2.6)) / math.hypot(1.75, 1.0)
    along = np.clip((lat + 2.7) / 1.6, 0, 1) * np.clip((-0.9 - lat) / 0.3, 0, 1)
    meratus = 1100 * np.exp(-((d_ridge / 0.22) ** 2)) * along
    # Northern Berau/Kutai Timur karst highlands (Sangkulirang), ~900 m.
    karst = 900 * np.exp(-(((lon - 117.4) / 0.45) ** 2 + ((lat - 1.1) / 0.35) ** 2))
    relief = trend + meratus + karst
    # Rough detail, stronger in the mountains.
    noise = (0.55 * smooth_noise(rng, (h, w), 160) + 0.3 * smooth_noise(rng, (h, w), 40)
             + 0.15 * smooth_noise(rng, (h, w), 10))
    elev = relief * (1 + 0.45 * noise) + 25 * noise
    coast = np.clip(np.where(sea, 0, 1), 0, 1)
    elev = np.maximum(elev, 2.0) * coast
    elev = np.clip(elev, 0, 3000).round().astype(np.int16)
    if DEM.exists():
        DEM.unlink()
    ds = gdal.GetDriverByName("GTiff").Create(
        str(DEM), w, h, 1, gdal.GDT_Int16,
        options=["COMPRESS=DEFLATE", "PREDICTOR=2", "ZLEVEL=9", "TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256"])
    ds.SetGeoTransform((minx, RES, 0, maxy, 0, -RES))
    ds.SetProjection(UTM_SRS.ExportToWkt())
    ds.SetMetadata({"SOURCE": "synthetic", "TITLE": "SYNTHETIC elevation for Kalimantan Timur (not real terrain)",
                    "METHOD": "scripts/make_sample.py: regional trend + landforms + value noise, seed 6400"})
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(-32768)
    band.SetDescription("elevation_m (SYNTHETIC)")
    band.WriteArray(elev)
    ds = None
    return elev, (minx, maxy)


def write_landcover() -> dict:
    """SYNTHETIC land cover (ESA WorldCover 2021 class codes) from the synthetic DEM and the village offices.

    Deterministic (seed 6402), on the DEM's 250 m grid, then warped (nearest) to EPSG:4326 at 0.0025°:
    sea (elevation 0) and low flat ground with ponded noise -> permanent water (80) / herbaceous wetland (90);
    low coastal ground -> mangroves (95); within ~0.5 km of a village office (1 km for a kelurahan) -> built-up
    (50); within ~2.5 km (noise-thinned) -> cropland (40); steep or high ground -> tree cover (10); the remaining
    lowland: tree cover, with shrubland (20) and grassland (30) patches by noise. Nodata 0 (WorldCover's)
    outside the province's 5 km margin is not used: every DEM cell gets a class."""
    from scipy.ndimage import distance_transform_edt

    dem = gdal.Open(str(DEM))
    gt, w, h = dem.GetGeoTransform(), dem.RasterXSize, dem.RasterYSize
    elev = dem.ReadAsArray().astype(np.float64)
    rng = np.random.default_rng(LANDCOVER_SEED)
    gy, gx = np.gradient(elev, RES)
    slope = np.hypot(gx, gy)
    noise = 0.6 * smooth_noise(rng, (h, w), 24) + 0.4 * smooth_noise(rng, (h, w), 6)
    # distance (m) to the nearest village office, weighted: a kelurahan's built-up area is larger
    near = {"desa": np.ones((h, w), dtype=bool), "kelurahan": np.ones((h, w), dtype=bool)}
    vds = ogr.Open(str(GPKG))
    lyr = vds.GetLayerByName("offices")
    to_utm = osr.CoordinateTransformation(lyr.GetSpatialRef(), UTM_SRS)
    for f in lyr:
        g = f.GetGeometryRef().Clone()
        g.Transform(to_utm)
        c = int((g.GetX() - gt[0]) // RES)
        r = int((gt[3] - g.GetY()) // RES)
        if 0 <= r < h and 0 <= c < w:
            near["kelurahan" if (f.GetField("jenis") or "").lower() == "kelurahan" else "desa"][r, c] = False
    d_desa = distance_transform_edt(near["desa"]) * RES
    d_kel = distance_transform_edt(near["kelurahan"]) * RES
    lc = np.full((h, w), 10, dtype=np.uint8)                                    # tree cover
    lowland = (elev < 150) & (slope < 0.05)
    lc[lowland & (noise > 0.35)] = 20                                           # shrubland
    lc[lowland & (noise < -0.75)] = 30                                          # grassland
    crop = (np.minimum(d_desa, d_kel / 1.5) < 2500) & (noise > -0.4) & (slope < 0.08)
    lc[crop] = 40                                                               # cropland
    lc[(d_desa < 500) | (d_kel < 1000)] = 50                                    # built-up
    lc[(elev > 0) & (elev < 6) & (noise > 0.1)] = 95                            # mangroves on low coastal ground
    lc[(elev < 25) & (slope < 0.004) & (noise < -0.9)] = 90                     # herbaceous wetland
    lc[(elev <= 0) | ((elev < 20) & (slope < 0.003) & (noise < -1.1))] = 80     # sea and ponded lowland: water
    mem = gdal.GetDriverByName("MEM").Create("", w, h, 1, gdal.GDT_Byte)
    mem.SetGeoTransform(gt)
    mem.SetProjection(dem.GetProjection())
    mem.GetRasterBand(1).WriteArray(lc)
    mem.GetRasterBand(1).SetNoDataValue(0)
    if LANDCOVER.exists():
        LANDCOVER.unlink()
    out = gdal.Warp(str(LANDCOVER), mem, dstSRS="EPSG:4326", xRes=LANDCOVER_RES_DEG, yRes=LANDCOVER_RES_DEG,
                    resampleAlg="near", srcNodata=0, dstNodata=0, targetAlignedPixels=True,
                    creationOptions=["COMPRESS=DEFLATE", "PREDICTOR=2", "ZLEVEL=9", "TILED=YES"])
    out.SetMetadata({"SOURCE": "synthetic", "TITLE": "SYNTHETIC land cover for Kalimantan Timur (ESA WorldCover "
                     "class codes; not real land cover)", "METHOD": "scripts/make_sample.py write_landcover(): "
                     "rules on the synthetic DEM and the village offices, seed 6402"})
    band = out.GetRasterBand(1)
    band.SetDescription("land cover class (ESA WorldCover codes, SYNTHETIC)")
    arr = band.ReadAsArray()
    out = None
    codes, counts = np.unique(arr[arr > 0], return_counts=True)
    return {int(c): int(n) for c, n in zip(codes, counts)}


OPERATORS = (("Telkomsel", 0.58), ("Indosat", 0.22), ("XL", 0.15), ("Smartfren", 0.05))


def write_towers(villages: list) -> int:
    """Synthetic existing towers, denser in towns, sparse in the interior (labelled synthetic)."""
    rng = np.random.default_rng(SEED + 1)
    ds = ogr.Open(str(GPKG), update=1)
    fields = [("site_id", ogr.OFTString), ("operator", ogr.OFTString), ("tech", ogr.OFTString),
              ("height_m", ogr.OFTReal), ("freq_mhz", ogr.OFTReal), ("eirp_dbm", ogr.OFTReal),
              ("status", ogr.OFTString), ("source", ogr.OFTString)]
    lyr = create_layer(ds, "towers", ogr.wkbPoint, fields, description="SYNTHETIC existing tower sites")
    lyr.StartTransaction()
    names = [o for o, _ in OPERATORS]
    probs = np.array([p for _, p in OPERATORS])
    n = 0
    kab_interior = {"64.11": 0.05, "64.07": 0.25, "64.03": 0.35, "64.08": 0.4, "64.02": 0.55, "64.01": 0.55,
                    "64.09": 0.7}
    for v in villages:
        p = v["properties"]
        lon, lat = p["lng"], p["lat"]
        urban = p["jenis"] == "kelurahan"
        base = 0.95 if urban else kab_interior.get(p["kode_kab"], 0.6)
        count = rng.poisson(1.6 if urban else 0.25) if rng.random() < base else 0
        if urban:
            count = max(count, 1)
        for _ in range(count):
            n += 1
            op = names[int(rng.choice(len(names), p=probs))]
            tech = "4G" if rng.random() < (0.9 if urban else 0.55) else "2G"
            f = ogr.Feature(lyr.GetLayerDefn())
            f.SetField("site_id", f"SYN-{n:04d}")
            f.SetField("operator", op)
            f.SetField("tech", tech)
            f.SetField("height_m", float(rng.choice([30, 32, 36, 42, 52])))
            f.SetField("freq_mhz", 900.0 if tech == "2G" or rng.random() < 0.6 else 1800.0)
            f.SetField("eirp_dbm", 58.0 if tech == "2G" else 60.0)
            f.SetField("status", "existing")
            f.SetField("source", "synthetic")
            g = ogr.Geometry(ogr.wkbPoint)
            spread = 0.004 if urban else 0.012
            g.AddPoint_2D(lon + rng.normal(0, spread), lat + rng.normal(0, spread))
            f.SetGeometry(g)
            lyr.CreateFeature(f)
    lyr.CommitTransaction()
    ds = None
    return n


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", default=str(ROOT.parent / "shared" / "data" / "real"))
    parser.add_argument("--landcover-only", action="store_true",
                        help="rebuild only the synthetic land cover from the DEM and offices already in place")
    args = parser.parse_args(argv)
    if args.landcover_only:
        print(f"land cover (synthetic): {write_landcover()} -> {LANDCOVER.name}")
        return 0
    src = Path(args.src)
    if not (src / "kaltim_desa_kelurahan_boundaries.geojson").exists():
        print(f"make_sample: real data not found in {src}; pass --src", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    villages = write_vectors(src)
    print(f"villages: {len(villages)}")
    elev, _ = write_dem(src / "kaltim_provinsi_boundary.geojson")
    print(f"DEM: {elev.shape[1]} x {elev.shape[0]} cells, max {elev.max()} m -> {DEM.name}")
    print(f"towers (synthetic): {write_towers(villages)}")
    print(f"land cover (synthetic): {write_landcover()} -> {LANDCOVER.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
