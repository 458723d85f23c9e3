"""Outputs never destroy the user's data, and a write that fails says which output, why and what to do (an
audit of 2026-12-06: D1 letter case, D3 two outputs on one file, D4 exportplan's folder, M2 a file as folder, T1/M3
write errors). Each case asserts the message and that the inputs are unchanged (checksums)."""
from __future__ import annotations

import errno
import os

import pytest

from tests.conftest import SAMPLE
from tests.robustness.conftest import SUBSET, digest, fails


def tables(path):
    from osgeo import ogr

    ds = ogr.Open(str(path))
    return sorted(ds.GetLayerByIndex(i).GetName() for i in range(ds.GetLayerCount()))


# --- D1: GeoPackage table names ignore letter case -----------------------------------------------------------------
@pytest.mark.parametrize("table", ["VILLAGES", "Villages"])
def test_an_output_table_differing_from_the_input_only_in_case_is_refused(provider, gpkg, table):
    before = digest(gpkg)
    text = fails("repairvillages", {"INPUT": f"{gpkg}|layername=villages",
                                    "OUTPUT": f"ogr:dbname='{gpkg}' table=\"{table}\" (geom)"})
    assert "would overwrite the input INPUT" in text and f"layername={table}" in text
    assert "layername=villages" in text and "new table name" in text
    assert digest(gpkg) == before and "villages" in tables(gpkg)


def test_a_hard_link_to_the_input_is_the_input(provider, gpkg, tmp_path):
    """Another name of the same file (a hard link here; on Windows/macOS a name differing in case) is refused."""
    link = tmp_path / "other_name.gpkg"
    os.link(gpkg, link)
    before = digest(gpkg)
    text = fails("repairvillages", {"INPUT": f"{gpkg}|layername=villages", "OUTPUT": str(link)})
    assert "would overwrite the input INPUT" in text
    assert digest(gpkg) == before


def test_cleanup_and_table_lookup_ignore_case(provider, gpkg):
    """A failed run that added table 'Repaired' (asked for as 'REPAIRED') removes it; an existing table asked for in
    another case is known to exist, so it is kept."""
    from osgeo import ogr

    from kaltim_internet_plugin.processing.output_guard import Target, _table_exists, cleanup

    ds = ogr.Open(str(gpkg), 1)
    ds.CreateLayer("Repaired", geom_type=ogr.wkbPoint)
    ds = None
    assert _table_exists(str(gpkg), "VILLAGES") and _table_exists(str(gpkg), "repaired")
    removed = cleanup([Target("OUTPUT", str(gpkg), "REPAIRED", existed=True, table_existed=False),
                       Target("OTHER", str(gpkg), "VILLAGES", existed=True, table_existed=True)])
    assert removed == {f"{gpkg}|layername=REPAIRED"}
    assert "Repaired" not in tables(gpkg) and "villages" in tables(gpkg)


# --- D3: two outputs of one run on one file ------------------------------------------------------------------------
def _check(alg_id, params):
    from qgis.core import QgsApplication, QgsProcessingContext

    from kaltim_internet_plugin.processing.output_guard import OutputConflictError, check_outputs

    alg = QgsApplication.processingRegistry().algorithmById(f"kaltiminternet:{alg_id}")
    try:
        check_outputs(alg, params, QgsProcessingContext())
    except OutputConflictError as exc:
        return str(exc)
    return ""


def test_two_outputs_naming_one_file_are_refused(provider, tmp_path):
    plan = f"{SAMPLE / 'kaltim_sample.gpkg'}{SUBSET}"
    same = tmp_path / "road_same.gpkg"
    text = fails("roadmap", {"PLAN": plan, "OUTPUT": str(same), "OUTPUT_TABLE": str(same)})
    assert "OUTPUT and OUTPUT_TABLE both name" in text and str(same) in text and "its own file" in text
    assert not same.exists()
    dem = SAMPLE / "kaltim_dem_synthetic_250m.tif"
    text = _check("coverage", {"SITES": str(SAMPLE / "kaltim_sample.gpkg") + "|layername=towers", "DEM": str(dem),
                               "OUTPUT": str(tmp_path / "same.tif"), "OUTPUT_SERVER": str(tmp_path / "same.tif")})
    assert "OUTPUT and OUTPUT_SERVER both name" in text
    # the same table in two letter cases is one table; two tables of one GeoPackage are two outputs
    text = _check("roadmap", {"PLAN": plan, "OUTPUT": f"ogr:dbname='{same}' table=\"road\" (geom)",
                              "OUTPUT_TABLE": f"ogr:dbname='{same}' table=\"ROAD\" (geom)"})
    assert "both name" in text and "layername=road" in text
    assert _check("roadmap", {"PLAN": plan, "OUTPUT": f"ogr:dbname='{same}' table=\"road\" (geom)",
                              "OUTPUT_TABLE": f"ogr:dbname='{same}' table=\"per_year\" (geom)"}) == ""


# --- D4: exportplan never rewrites an input in its output folder --------------------------------------------------
def test_exportplan_refuses_an_input_it_would_rewrite_in_its_folder(provider, tmp_path):
    """The audit's case: the training CSV of a finished export, edited by hand, given as TRAINING_TABLE of a
    re-export into the same folder. Every file a real export writes is in OUTPUT_FILES (or updated in place)."""
    from kaltim_internet_plugin.processing.alg_exportplan import ExportPlanAlgorithm
    from tests.conftest import run_alg
    from tests.qgis.test_exportplan import build_plan

    small = build_plan(kab_codes={"64.74"})
    out = tmp_path / "out"
    run_alg("kaltiminternet:exportplan", {"VILLAGES": small["villages"], "TRAINING_TABLE": small["training"],
                                          "SHARING_TABLE": small["sharing"], "OUTPUT_FOLDER": str(out)})
    small.clear()
    written = {os.path.relpath(os.path.join(root, name), out) for root, _d, files in os.walk(out) for name in files}
    assert "roadmap_pelatihan.csv" in written and os.path.join("charts", "chart_year.png") in written
    known = set(ExportPlanAlgorithm.OUTPUT_FILES) | set(ExportPlanAlgorithm.FOLDER_UPDATES)
    assert written <= known, written - known
    training = out / "roadmap_pelatihan.csv"
    lines = training.read_text(encoding="utf-8").splitlines()
    training.write_text("\n".join([lines[0] + ",catatan"] + [line + ",diedit" for line in lines[1:]]) + "\n",
                        encoding="utf-8")
    before = {name: digest(out / name) for name in written}
    text = fails("exportplan", {"VILLAGES": f"{out / 'plan.gpkg'}|layername=villages",
                                "TRAINING_TABLE": str(training), "OUTPUT_FOLDER": str(out)})
    assert f"would overwrite the input TRAINING_TABLE ({out / 'roadmap_pelatihan.csv'})" in text
    assert "Choose another output folder" in text
    assert {name: digest(out / name) for name in written} == before
    assert not [p for p in os.listdir(tmp_path) if ".kaltim-partial-" in p]


def test_exportplan_never_updates_a_plan_gpkg_it_did_not_write(provider, tmp_path):
    """exportplan updates its folder's plan.gpkg in place (a re-export keeps the file's other tables). A plan.gpkg
    there that is not an exported plan, e.g. the user's own villages given to the full-plan model's first step
    (exportplan never sees that input), had its 'villages' replaced by the plan: refused before any work."""
    import shutil

    from tests.qgis.test_exportplan import build_plan

    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(SAMPLE / "kaltim_sample.gpkg", out / "plan.gpkg")
    before = digest(out / "plan.gpkg")
    small = build_plan(kab_codes={"64.74"})
    text = fails("exportplan", {"VILLAGES": small["villages"], "OUTPUT_FOLDER": str(out)})
    small.clear()
    assert "holds a plan.gpkg that this tool did not write" in text, text
    assert "'villages' is missing or has no field tech, fund_status, year, capex_idr" in text
    assert "Choose another output folder" in text
    assert digest(out / "plan.gpkg") == before and sorted(os.listdir(out)) == ["plan.gpkg"]


def _folder_alg(write):
    """A one-off algorithm with an input file and an output folder, whose run calls ``write(folder, input)``."""
    from qgis.core import QgsProcessingParameterFile, QgsProcessingParameterFolderDestination

    from kaltim_internet_plugin.processing.base import KaltimAlgorithm

    class Writes(KaltimAlgorithm):
        ALG_ID = "test_folder_writes"

        def displayName(self):  # noqa: N802
            return "writes"

        def initAlgorithm(self, config=None):  # noqa: N802
            self.addParameter(QgsProcessingParameterFile("TABLE", "table"))
            self.addParameter(QgsProcessingParameterFolderDestination("OUT", "out"))

        def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
            folder = self.parameterAsString(parameters, "OUT", context)
            write(folder, self.parameterAsFile(parameters, "TABLE", context))
            return {"OUT": folder}

    alg = Writes()
    alg.initAlgorithm()
    return alg


def test_a_folder_output_never_replaces_an_input_even_one_it_does_not_declare(qgis_app, tmp_path):
    """What the run really wrote is checked before anything is renamed into the folder."""
    from qgis.core import QgsProcessingContext, QgsProcessingException

    from tests.conftest import capture_feedback

    folder = tmp_path / "out"
    folder.mkdir()
    table = folder / "extra.csv"
    table.write_text("the user's table\n", encoding="utf-8")

    def write(out, _table):
        for name in ("report.csv", "extra.csv"):
            with open(os.path.join(out, name), "w", encoding="utf-8") as fh:
                fh.write("new\n")

    alg = _folder_alg(write)
    with pytest.raises(QgsProcessingException) as exc:
        alg.processAlgorithm({"TABLE": str(table), "OUT": str(folder)}, QgsProcessingContext(), capture_feedback())
    assert "OUT = " in str(exc.value) and f"would overwrite the input TABLE ({table})" in str(exc.value)
    assert sorted(os.listdir(folder)) == ["extra.csv"] and table.read_text(encoding="utf-8") == "the user's table\n"
    assert not [p for p in os.listdir(tmp_path) if ".kaltim-partial-" in p]


# --- M2: a "folder" that is a file ---------------------------------------------------------------------------------
def test_an_output_inside_a_file_says_it_is_a_file(provider, gpkg, tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    for out in (afile / "x.gpkg", afile / "sub" / "x.gpkg"):
        text = fails("repairvillages", {"INPUT": f"{gpkg}{SUBSET}", "OUTPUT": str(out)})
        assert f"{afile} is a file, not a folder" in text and "does not exist" not in text and "Create it" not in text
    assert afile.read_text(encoding="utf-8") == "x"


# --- T1 / M3: outputs that cannot be written -----------------------------------------------------------------------
needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc (a folder no one can "
                                                                         "write to, even root)")


@needs_proc
def test_an_output_no_one_can_write_is_refused_before_the_run(provider, gpkg, tmp_path):
    """/proc passes os.access(W_OK) for root (as an ACL-protected folder does on Windows): a probe file is tried."""
    text = fails("repairvillages", {"INPUT": f"{gpkg}{SUBSET}", "OUTPUT": "/proc/x.gpkg"})
    assert "\nOUTPUT = /proc/x.gpkg cannot be written: " in text and "Choose another folder" in text
    text = fails("checkvillages", {"INPUT": f"{gpkg}{SUBSET}", "OUTPUT_REPORT": "/proc/x.html"})
    assert "OUTPUT_REPORT = /proc/x.html cannot be written" in text
    text = fails("exportplan", {"VILLAGES": f"{gpkg}{SUBSET}", "OUTPUT_FOLDER": "/proc/exp"})
    assert "OUTPUT_FOLDER = /proc/exp cannot be written" in text


@needs_proc
def test_staging_a_folder_that_cannot_be_made_names_the_final_folder(qgis_app):
    from kaltim_internet_plugin.processing.output_guard import OutputConflictError, Target, stage

    with pytest.raises(OutputConflictError) as exc:
        stage({"OUTPUT_FOLDER": "/proc/exp"}, [Target("OUTPUT_FOLDER", "/proc/exp", None, False, folder=True)])
    assert str(exc.value).startswith("OUTPUT_FOLDER = /proc/exp cannot be written: ")


def _file_alg(fail):
    from qgis.core import QgsProcessingParameterFileDestination

    from kaltim_internet_plugin.processing.base import KaltimAlgorithm

    class Fails(KaltimAlgorithm):
        ALG_ID = "test_write_fails"

        def displayName(self):  # noqa: N802
            return "fails"

        def initAlgorithm(self, config=None):  # noqa: N802
            self.addParameter(QgsProcessingParameterFileDestination("OUT", "out", "CSV (*.csv)"))

        def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
            fail(self.parameterAsFileOutput(parameters, "OUT", context))

    alg = Fails()
    alg.initAlgorithm()
    return alg


@pytest.mark.parametrize("case", ["enospc", "eacces", "gdal", "wrapped", "read"])
def test_a_write_error_during_the_run_names_the_output_and_the_fix(qgis_app, tmp_path, case):
    """A disk that fills (or a folder that refuses) while the run writes: the parameter, the FINAL path, the reason
    and the fix; no traceback, no 'please report'. An OSError on something else stays an unexpected error."""
    from qgis.core import QgsProcessingContext, QgsProcessingException

    from tests.conftest import capture_feedback

    out = tmp_path / "table.csv"
    out.write_bytes(b"the user's old table\n")

    def fail(path):
        assert ".kaltim-partial-" in path  # written under its temporary name
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("half")
        if case == "enospc":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
        if case == "eacces":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        if case == "gdal":
            raise RuntimeError("_tiffWriteProc:No space left on device")
        if case == "wrapped":  # a step that words the OSError itself (e.g. exportplan's "Export step ... failed")
            try:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
            except OSError as exc:
                raise QgsProcessingException(f"Export step failed: {exc}") from exc
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(tmp_path / "some_input.csv"))

    feedback = capture_feedback()
    with pytest.raises(QgsProcessingException) as exc:
        _file_alg(fail).processAlgorithm({"OUT": str(out)}, QgsProcessingContext(), feedback)
    text = str(exc.value)
    assert out.read_bytes() == b"the user's old table\n"
    assert not [p for p in os.listdir(tmp_path) if ".kaltim-partial-" in p]
    if case == "read":
        assert "Unexpected error" in text
        return
    expected = {"enospc": "No space left on device. Free space on that disk or choose another folder.",
                "eacces": "Permission denied. Choose a folder you may write to.",
                "gdal": "No space left on device. Free space on that disk or choose another folder.",
                "wrapped": "No space left on device. Free space on that disk or choose another folder."}[case]
    assert text == f"OUT = {out} cannot be written: {expected}"
    assert not any("Traceback" in t for _k, t in feedback.entries)


# --- an input's GeoPackage: its other tables are the user's (an audit of 2026-12-07) -------------------------------
def _features(path, table):
    from osgeo import ogr

    ds = ogr.Open(str(path))
    lyr = ds.GetLayerByName(table)
    return lyr.GetFeatureCount(), ogr.GeometryTypeToName(lyr.GetGeomType())


def test_an_output_never_replaces_another_table_of_an_inputs_geopackage(provider, gpkg):
    """importsites read the towers of a GeoPackage and wrote its output over that file's villages table: 1,038 village
    polygons replaced by 436 tower points, without a word. A table of an input's GeoPackage is now replaced only when
    the same tool wrote it (a rerun); a new table beside the inputs is still written."""
    import processing

    from kaltim_internet_plugin.processing.output_guard import table_description

    before = digest(gpkg)
    villages = _features(gpkg, "villages")
    for table in ("villages", "Offices"):
        text = fails("importsites", {"INPUT": f"{gpkg}|layername=towers",
                                     "OUTPUT": f"ogr:dbname='{gpkg}' table=\"{table}\" (geom)"})
        assert f"would replace the table '{table}'" in text and "the input INPUT" in text
        assert "did not write that table" in text and "Choose a new table name" in text
    assert digest(gpkg) == before and _features(gpkg, "villages") == villages
    # a new table: written and marked as importsites'; a rerun replaces it; another tool may not
    out = f"ogr:dbname='{gpkg}' table=\"sites_imported\" (geom)"
    res = processing.run("kaltiminternet:importsites", {"INPUT": f"{gpkg}|layername=towers", "OUTPUT": out})
    assert res["SITES_IMPORTED"] > 0 and _features(gpkg, "villages") == villages
    assert table_description(str(gpkg), "sites_imported") == "Internet Desa Kaltim: kaltiminternet:importsites"
    again = processing.run("kaltiminternet:importsites", {"INPUT": f"{gpkg}|layername=towers", "OUTPUT": out})
    assert again["SITES_IMPORTED"] == res["SITES_IMPORTED"]
    assert _features(gpkg, "sites_imported")[0] == res["SITES_IMPORTED"]
    text = fails("repairvillages", {"INPUT": f"{gpkg}|layername=villages", "OUTPUT": out})
    assert "would replace the table 'sites_imported'" in text
    assert _features(gpkg, "sites_imported")[0] == res["SITES_IMPORTED"]
    assert _features(gpkg, "villages") == villages


# --- an existing GeoPackage that is no input: its tables are the user's too (a tester's report, session 36) ---------
def _contents(path):
    """{table: (feature count, geometry type)} of every table of the GeoPackage ``path``."""
    from osgeo import ogr

    ds = ogr.Open(str(path))
    return {ds.GetLayerByIndex(i).GetName(): _features(path, ds.GetLayerByIndex(i).GetName())
            for i in range(ds.GetLayerCount())}


@pytest.fixture()
def users_gpkg(tmp_path):
    """The user's own multi-table GeoPackage (a copy of the sample's villages, offices, kecamatan, kabkota, ...),
    given as an output only: none of the run's inputs."""
    import shutil

    dest = tmp_path / "mine" / "my1.gpkg"
    dest.parent.mkdir()
    shutil.copy(SAMPLE / "kaltim_sample.gpkg", dest)
    return dest


_TOWERS = f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=towers"


@pytest.mark.parametrize("alg,params", [
    ("importsites", {"INPUT": _TOWERS}),
    ("prioritize", {"VILLAGES": f"{SAMPLE / 'kaltim_sample.gpkg'}{SUBSET}"}),
])
def test_an_output_never_replaces_a_geopackage_holding_tables_the_tool_did_not_write(provider, users_gpkg, alg,
                                                                                      params):
    """The tester's case: OUTPUT=my1.gpkg, an existing GeoPackage holding four tables and none of the inputs, was
    replaced whole by a file holding only the tool's table (rc 0, no warning). Refused before any work, naming the
    file, the tables that would be lost and the fixes; the file is byte for byte as it was."""
    before, tables_before = digest(users_gpkg), _contents(users_gpkg)
    text = fails(alg, dict(params, OUTPUT=str(users_gpkg)))
    assert f"\nOUTPUT = {users_gpkg} is an existing GeoPackage holding tables this tool did not " \
           "write (villages, offices, kecamatan, kabkota, province, towers;" in text, text
    assert "those tables would be lost" in text and "Choose another file name" in text
    assert f"{users_gpkg}|layername={alg}" in text
    assert digest(users_gpkg) == before and _contents(users_gpkg) == tables_before
    assert sorted(os.listdir(users_gpkg.parent)) == ["my1.gpkg"]
    # the same file named without its extension (QGIS adds '.gpkg') is the same file
    text = fails(alg, dict(params, OUTPUT=str(users_gpkg)[:-len(".gpkg")]))
    assert f"OUTPUT = {users_gpkg} is an existing GeoPackage" in text
    assert digest(users_gpkg) == before and sorted(os.listdir(users_gpkg.parent)) == ["my1.gpkg"]


def test_an_output_never_replaces_a_table_of_a_geopackage_that_is_no_input(provider, users_gpkg):
    """OUTPUT='my1.gpkg|layername=villages' replaced the user's villages although my1.gpkg is none of the inputs."""
    before, tables_before = digest(users_gpkg), _contents(users_gpkg)
    for out in (f"{users_gpkg}|layername=villages", f"ogr:dbname='{users_gpkg}' table=\"Offices\" (geom)"):
        text = fails("importsites", {"INPUT": _TOWERS, "OUTPUT": out})
        table = "villages" if "villages" in out else "Offices"
        assert f"would replace the table '{table}' of {users_gpkg}, and this tool did not write that table" in text
        assert f"Choose a new table name, e.g. {users_gpkg}|layername=importsites" in text
    assert digest(users_gpkg) == before and _contents(users_gpkg) == tables_before


def test_a_rerun_replaces_what_the_tool_wrote_and_only_that(provider, users_gpkg, tmp_path):
    """A new table beside the user's is written (and rewritten by a rerun), the user's tables untouched; a GeoPackage
    the tool wrote whole is replaced by a rerun, also when it holds more tables this tool wrote; one that also holds
    another tool's table is not."""
    import processing

    from kaltim_internet_plugin.processing.output_guard import table_description

    tables_before = _contents(users_gpkg)
    beside = f"{users_gpkg}|layername=importsites"
    for _ in range(2):
        res = processing.run("kaltiminternet:importsites", {"INPUT": _TOWERS, "OUTPUT": beside})
        assert res["SITES_IMPORTED"] > 0
    after = _contents(users_gpkg)
    assert after.pop("importsites")[0] == res["SITES_IMPORTED"] and after == tables_before
    own = tmp_path / "sites.gpkg"
    for _ in range(2):
        processing.run("kaltiminternet:importsites", {"INPUT": _TOWERS, "OUTPUT": str(own)})
    assert table_description(str(own), "sites") == "Internet Desa Kaltim: kaltiminternet:importsites"
    processing.run("kaltiminternet:importsites", {"INPUT": _TOWERS, "OUTPUT": f"{own}|layername=more"})
    processing.run("kaltiminternet:importsites", {"INPUT": _TOWERS, "OUTPUT": str(own)})
    assert sorted(_contents(own)) == ["sites"]
    processing.run("kaltiminternet:repairvillages", {"INPUT": f"{SAMPLE / 'kaltim_sample.gpkg'}{SUBSET}",
                                                     "OUTPUT": f"{own}|layername=repaired"})
    before = digest(own)
    text = fails("importsites", {"INPUT": _TOWERS, "OUTPUT": str(own)})
    assert "holding tables this tool did not write (repaired;" in text
    assert digest(own) == before and sorted(_contents(own)) == ["repaired", "sites"]


@pytest.mark.e2e
def test_qgis_process_refuses_to_replace_a_users_geopackage(users_gpkg):
    """The tester's command line: qgis_process run kaltiminternet:importsites --OUTPUT=my1.gpkg."""
    from tests.e2e.qgis_process import QgisProcess, qgis_process_binary

    if not qgis_process_binary():
        pytest.skip("needs qgis_process")
    before, tables_before = digest(users_gpkg), _contents(users_gpkg)
    qp = QgisProcess()
    try:
        for out in (str(users_gpkg), f"{users_gpkg}|layername=villages"):
            res = qp.run("kaltiminternet:importsites", {"INPUT": _TOWERS, "OUTPUT": out})
            said = res["stdout"] + res["stderr"]
            assert res["returncode"] != 0, said
            assert "this tool did not write" in said and str(users_gpkg) in said
        res = qp.run("kaltiminternet:importsites", {"INPUT": _TOWERS, "OUTPUT": f"{users_gpkg}|layername=sites"})
        assert res["returncode"] == 0 and res["results"]["SITES_IMPORTED"] > 0, res["stdout"] + res["stderr"]
    finally:
        qp.close()
    after = _contents(users_gpkg)
    assert after.pop("sites")[0] > 0 and after == tables_before and before != digest(users_gpkg)


def _exported(path, tables, listed):
    """A GeoPackage that looks like an earlier export from PostGIS: ``tables`` (registered, with geometry), and
    plan_meta naming the schema it came from and, when ``listed`` is not None, the tables that export wrote."""
    import json
    import sqlite3

    from osgeo import ogr

    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    for name in tables:
        ds.CreateLayer(name, geom_type=ogr.wkbPoint)
    ds = None
    con = sqlite3.connect(str(path))
    with con:
        con.execute("CREATE TABLE plan_meta (key TEXT PRIMARY KEY, value TEXT)")
        con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES "
                    "('plan_meta', 'attributes', 'plan_meta')")
        con.execute("INSERT INTO plan_meta VALUES ('exported_from', 'kaltim_plan')")
        if listed is not None:
            con.execute("INSERT INTO plan_meta VALUES ('exported_tables', ?)", (json.dumps(listed),))
    con.close()
    return path


def test_exportplanfrompostgis_never_replaces_a_geopackage_holding_tables_it_did_not_write(provider, users_gpkg,
                                                                                          tmp_path):
    """OUTPUT_GPKG is replaced whole by the export: the user's multi-table GeoPackage was lost. Refused before any work
    (before the connection is looked up: this one does not exist), naming the tables that would be lost and a free
    file name; also named without '.gpkg' (the tool adds it). An earlier export is replaced unless a table was added
    to it (that table is named); one made before the export listed its tables counts as the tool's whole."""
    before, tables_before = digest(users_gpkg), _contents(users_gpkg)
    params = {"CONNECTION": "no-such-connection", "SCHEMA": "kaltim_plan"}
    for out in (str(users_gpkg), str(users_gpkg)[:-len(".gpkg")]):
        text = fails("exportplanfrompostgis", dict(params, OUTPUT_GPKG=out))
        assert f"\nOUTPUT_GPKG = {users_gpkg} is an existing GeoPackage holding tables this tool did not write " \
               "(villages, offices, kecamatan, kabkota, province, towers;" in text, text
        assert "This output replaces the whole file, so those tables would be lost" in text
        assert f"Choose another file name, e.g. {users_gpkg.parent / 'my1_2.gpkg'}" in text
        assert "Nothing was changed" in text and "no saved PostgreSQL connection" not in text
    assert digest(users_gpkg) == before and _contents(users_gpkg) == tables_before
    assert sorted(os.listdir(users_gpkg.parent)) == ["my1.gpkg"]
    # an earlier export: replaced (the run goes on to the connection); with a table of the user's added: refused
    ours = _exported(tmp_path / "ours.gpkg", ["sites", "villages"], ["sites", "villages", "plan_meta"])
    older = _exported(tmp_path / "older.gpkg", ["sites"], None)
    added = _exported(tmp_path / "added.gpkg", ["sites", "my_notes"], ["sites", "plan_meta"])
    for path in (ours, older):
        assert _check("exportplanfrompostgis", dict(params, OUTPUT_GPKG=str(path))) == ""
    before = digest(added)
    text = fails("exportplanfrompostgis", dict(params, OUTPUT_GPKG=str(added)))
    assert "holding tables this tool did not write (my_notes;" in text, text
    assert digest(added) == before
