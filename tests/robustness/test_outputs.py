"""Outputs never overwrite inputs; a failed run leaves nothing new (issue 16, items 1 and 2). Each case asserts
the message (what, where, the fix), that the inputs are unchanged (checksums) and that no output is left."""
from __future__ import annotations

import os
import stat

import pytest

from tests.conftest import SAMPLE
from tests.robustness.conftest import SUBSET, digest, fails


@pytest.mark.parametrize("alg,extra,out_key", [
    ("repairvillages", {}, "OUTPUT"),
    ("checkvillages", {}, "OUTPUT_REPORT"),
    ("prioritize", {}, "OUTPUT"),
])
def test_an_output_naming_its_input_is_refused(provider, gpkg, alg, extra, out_key):
    before = digest(gpkg)
    key = "INPUT" if alg in ("repairvillages", "checkvillages") else "VILLAGES"
    text = fails(alg, dict(extra, **{key: f"{gpkg}|layername=villages", out_key: str(gpkg)}))
    assert "would overwrite the input" in text and key in text and out_key in text
    assert "Choose another file name" in text
    assert digest(gpkg) == before


def test_a_new_table_in_the_input_geopackage_is_allowed(provider, gpkg):
    import processing
    from osgeo import ogr

    res = processing.run("kaltiminternet:repairvillages", {
        "INPUT": f"{gpkg}|layername=villages", "OUTPUT": f"ogr:dbname='{gpkg}' table=\"repaired\" (geom)"})
    ds = ogr.Open(str(gpkg))
    names = {ds.GetLayerByIndex(i).GetName() for i in range(ds.GetLayerCount())}
    assert {"villages", "offices", "towers", "repaired"} <= names and res["OUTPUT"]
    assert ds.GetLayerByName("villages").GetFeatureCount() == 1038  # the input table is intact


def test_missing_folder_folder_as_file_and_read_only_folder(provider, gpkg, tmp_path):
    src = f"{gpkg}{SUBSET}"
    text = fails("repairvillages", {"INPUT": src, "OUTPUT": str(tmp_path / "nope" / "out.gpkg")})
    assert "does not exist" in text and str(tmp_path / "nope") in text
    assert not (tmp_path / "nope").exists()
    text = fails("repairvillages", {"INPUT": src, "OUTPUT": str(tmp_path)})
    assert "is a folder" in text and "e.g." in text
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(locked, os.W_OK):  # root ignores permissions: nothing to test then
            pytest.skip("running as a user who can write to read-only folders (root)")
        text = fails("repairvillages", {"INPUT": src, "OUTPUT": str(locked / "out.gpkg")})
        assert "cannot be written" in text
    finally:
        locked.chmod(stat.S_IRWXU)


def test_a_failed_run_keeps_nothing_new(provider, tmp_path):
    from kaltim_internet_plugin.processing.output_guard import Target, cleanup, split_uri

    made = tmp_path / "made.tif"
    made.write_bytes(b"x")
    (tmp_path / "made.tif.aux.xml").write_text("<x/>")
    old = tmp_path / "old.tif"
    old.write_bytes(b"keep")
    removed = cleanup([Target("OUTPUT", str(made), None, existed=False),
                       Target("OTHER", str(old), None, existed=True)])
    assert removed == {str(made)} and not made.exists() and not (tmp_path / "made.tif.aux.xml").exists()
    assert old.read_bytes() == b"keep"
    assert split_uri("ogr:dbname='/a b/x.gpkg' table=\"t\" (geom)") == ("/a b/x.gpkg", "t")
    assert split_uri("/x.gpkg|layername=v|subset=a") == ("/x.gpkg", "v")
    assert split_uri("ogr:dbname=\"/a b/x.gpkg\" table=\"peta jalan\" (geom)") == ("/a b/x.gpkg", "peta jalan")
    assert split_uri("ogr:dbname=/x.gpkg table=t") == ("/x.gpkg", "t")


def test_a_roadmap_that_fails_after_starting_leaves_no_output(provider, tmp_path):
    """A funding table that cannot be read fails the run: the output files it named do not appear."""
    bad = tmp_path / "funding.csv"
    bad.write_text("label\nx\n", encoding="utf-8")
    out = tmp_path / "road.gpkg"
    text = fails("roadmap", {"PLAN": f"{SAMPLE / 'kaltim_sample.gpkg'}{SUBSET}", "FUNDING": str(bad),
                             "OUTPUT": str(out), "OUTPUT_TABLE": str(tmp_path / "table.gpkg")})
    assert "funding" in text.lower() or "tech" in text.lower()
    assert not out.exists() and not (tmp_path / "table.gpkg").exists()


def test_a_report_never_writes_into_the_plan(provider, gpkg, tmp_path):
    """slareport on a plan without monitoring data reads it and leaves it byte for byte as it was."""
    import processing

    before = digest(gpkg)
    res = processing.run("kaltiminternet:slareport", {"PLAN_DB": str(gpkg), "OUTPUT_SLA": "TEMPORARY_OUTPUT",
                                                     "OUTPUT_SCORECARD": "TEMPORARY_OUTPUT",
                                                     "OUTPUT_FLAGS": "TEMPORARY_OUTPUT"})
    assert res["SITE_MONTHS"] == 0
    assert digest(gpkg) == before


def test_overwrite_replaces_only_a_planned_sites_layer(provider, gpkg):
    """createplannedsites OVERWRITE=1 LAYER_NAME=villages would have emptied the villages: refused."""
    import processing
    from osgeo import ogr

    before = digest(gpkg)
    text = fails("createplannedsites", {"PLAN_GPKG": str(gpkg), "LAYER_NAME": "villages", "OVERWRITE": True})
    assert "not a planned-sites layer" in text and "villages" in text
    assert digest(gpkg) == before
    res = processing.run("kaltiminternet:createplannedsites", {"PLAN_GPKG": str(gpkg), "LAYER_NAME": "ps"})
    res = processing.run("kaltiminternet:createplannedsites", {"PLAN_GPKG": str(gpkg), "LAYER_NAME": "ps",
                                                               "OVERWRITE": True})
    ds = ogr.Open(str(gpkg))
    assert ds.GetLayerByName("villages").GetFeatureCount() == 1038 and res["LAYER_NAME"] == "ps"


def _sla_params(gpkg, folder):
    return {"PLAN_DB": str(gpkg), "OUTPUT_SLA": "TEMPORARY_OUTPUT", "OUTPUT_SCORECARD": "TEMPORARY_OUTPUT",
            "OUTPUT_FLAGS": "TEMPORARY_OUTPUT", "OUTPUT_REPORT_FOLDER": str(folder)}


def _partials(folder):
    return [p for p in os.listdir(folder) if ".kaltim-partial-" in p]


#: an sla_all.csv of an earlier report (its first row is the report's: slareport replaces only its own files)
OLD_SLA = b"code,provider,month,availability_pct,counted_downtime_s,basis,restitution\r\nOLD,P,2020-01,1,0,x,0\r\n"


def test_a_report_failing_half_way_leaves_nothing_new_and_the_old_file_as_it_was(provider, gpkg, tmp_path,
                                                                                 monkeypatch):
    """slareport writes its CSV files, then the PDF fails (forced): the folder holds exactly what it held."""
    from qgis.core import QgsProcessingException

    from kaltim_internet_plugin.report import monitoring_report

    out = tmp_path / "report"
    out.mkdir()
    old = out / "sla_all.csv"  # an earlier report's (a file of the user's of that name is refused before the run)
    old.write_bytes(OLD_SLA)
    before = digest(old)
    written = []

    def pdf_fails(path, *args, **kwargs):
        written.extend(os.listdir(os.path.dirname(path)))  # the CSV files were written, under the temporary name
        raise QgsProcessingException("forced failure after the first outputs")

    monkeypatch.setattr(monitoring_report, "write_pdf", pdf_fails)
    text = fails("slareport", _sla_params(gpkg, out))
    assert "forced failure" in text
    assert "sla_all.csv" in written and "flags_all.csv" in written  # it did fail half-way
    assert sorted(os.listdir(out)) == ["sla_all.csv"] and digest(old) == before
    assert _partials(tmp_path) == []


def test_a_report_that_succeeds_replaces_the_old_file_and_names_the_final_paths(provider, gpkg, tmp_path):
    import processing

    out = tmp_path / "report"
    out.mkdir()
    (out / "sla_all.csv").write_bytes(OLD_SLA)  # an earlier report's
    res = processing.run("kaltiminternet:slareport", _sla_params(gpkg, out))
    assert res["REPORT_PDF"] == str(out / "laporan_monev_all.pdf") and os.path.getsize(res["REPORT_PDF"]) > 0
    assert (out / "sla_all.csv").read_bytes() != OLD_SLA and (out / "flags_all.csv").is_file()
    assert _partials(tmp_path) == [] and _partials(out) == []


def test_an_html_report_is_renamed_at_the_end_and_kept_on_failure(provider, gpkg, tmp_path, monkeypatch):
    import processing

    from kaltim_internet_plugin.processing import alg_checkvillages

    html = tmp_path / "check.html"
    html.write_bytes(b"<p>the old report</p>")
    before = digest(html)
    params = {"INPUT": f"{gpkg}{SUBSET}", "OUTPUT_REPORT": str(html)}

    def render_fails(report):
        raise RuntimeError("forced failure while rendering")

    with monkeypatch.context() as m:
        m.setattr(alg_checkvillages, "render_html", render_fails)
        text = fails_unexpected("checkvillages", params)
    assert "forced failure while rendering" in text and ".kaltim-partial-" not in text
    assert digest(html) == before and _partials(tmp_path) == []
    res = processing.run("kaltiminternet:checkvillages", params)
    assert res["OUTPUT_REPORT"] == str(html) and digest(html) != before
    assert "<html" in html.read_text(encoding="utf-8").lower() and _partials(tmp_path) == []


def fails_unexpected(alg, params):
    """An unexpected (non-Processing) error: still a message, never a traceback in it."""
    import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as exc:
        processing.run(f"kaltiminternet:{alg}", params)
    assert "Traceback" not in str(exc.value)
    return str(exc.value)


def test_a_geotiff_is_finished_under_a_temporary_name(tmp_path):
    """core/coverage.py's last step: a raster the user had stays whole when the new one cannot be written."""
    import numpy as np
    from osgeo import gdal

    from kaltim_internet_plugin.core import coverage
    from tests.rasters import write_geotiff

    final = tmp_path / "coverage.tif"
    final.write_bytes(b"the user's old raster")
    before = digest(final)
    with pytest.raises(Exception):  # noqa: B017 - GDAL or the rename, whichever reports the missing work file
        coverage._finalise(str(tmp_path / "no_work_file.tif"), str(final), 3)
    assert digest(final) == before and _partials(tmp_path) == []
    work = tmp_path / "work.tif"
    write_geotiff(work, np.full((3, 4), -80.0, dtype=np.float32), None, epsg=None, nodata=None)  # a bare work file
    coverage._finalise(str(work), str(final), 3)
    out = gdal.Open(str(final))
    assert out.RasterXSize == 4 and float(out.GetRasterBand(1).ReadAsArray()[0, 0]) == -80.0
    out = None
    assert _partials(tmp_path) == []


def test_the_log_names_the_final_files_not_their_temporary_names(qgis_app, tmp_path):
    """While an output is written under its temporary name, the algorithm's messages (info, warning, progress
    text) name the file the user chose; progress and cancel still reach the caller's feedback."""
    from qgis.core import QgsProcessingContext, QgsProcessingParameterFileDestination

    from kaltim_internet_plugin.processing.base import KaltimAlgorithm

    class Writes(KaltimAlgorithm):
        ALG_ID = "test_writes"
        cancel_midway = None

        def displayName(self):  # noqa: N802
            return "writes"

        def initAlgorithm(self, config=None):  # noqa: N802
            self.addParameter(QgsProcessingParameterFileDestination("OUT", "out", "CSV (*.csv)"))

        def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
            path = self.parameterAsFileOutput(parameters, "OUT", context)
            feedback.pushInfo(f"writing {path}")
            feedback.pushWarning(f"still writing {path}")
            feedback.setProgressText(f"{path}: half")
            feedback.setProgress(50)
            if self.cancel_midway is not None:  # the user presses Cancel while the run works
                self.cancel_midway.cancel()
            with open(path, "w", encoding="utf-8") as fh:
                fh.write("a\n1\n")
            return {"OUT": path, "CANCELED_SEEN": feedback.isCanceled()}

    from tests.conftest import capture_feedback

    out = tmp_path / "result.csv"
    alg = Writes()
    alg.initAlgorithm()
    feedback = capture_feedback()
    result = alg.processAlgorithm({"OUT": str(out)}, QgsProcessingContext(), feedback)
    assert result["OUT"] == str(out) and out.read_text(encoding="utf-8") == "a\n1\n"
    texts = [t for _kind, t in feedback.entries]
    assert [k for k, _t in feedback.entries] == ["info", "warning", "progress"], feedback.entries
    assert all(str(out) in t for t in texts), texts
    assert not any(".kaltim-partial-" in t for t in texts)
    assert feedback.progress() == 50 and result["CANCELED_SEEN"] is False

    canceled = capture_feedback()
    canceled.cancel()
    out2 = tmp_path / "second.csv"
    result = alg.processAlgorithm({"OUT": str(out2)}, QgsProcessingContext(), canceled)
    assert result["CANCELED_SEEN"] is True and not out2.exists() and _partials(tmp_path) == []

    midway = capture_feedback()
    alg.cancel_midway = midway
    out3 = tmp_path / "third.csv"
    result = alg.processAlgorithm({"OUT": str(out3)}, QgsProcessingContext(), midway)
    assert result["CANCELED_SEEN"] is True and not out3.exists() and _partials(tmp_path) == []
