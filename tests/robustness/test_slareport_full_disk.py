"""slareport's monthly M&E report on a disk that fills up fails clearly and leaves nothing new behind.

Before: QgsLayoutExporter.exportToPdf returned Success although the disk filled during the export, and slareport
exited 0 and returned REPORT_PDF for a PDF cut off after its first 4096 bytes (no trailer: no PDF reader opens it).
Now the PDF is read back (report/pdf.is_complete): the run stops with a message naming the file, the reason and the
fix, the cut-off file goes with the run's other new files, and a report folder the user had stays as it was.

The full disk is a small tmpfs where mount is allowed (as tests/robustness/test_sink_failures.py; skipped
elsewhere), and, without root, a file size limit (RLIMIT_FSIZE): QGIS's PDF writer meets the same short writes
there, and reports Success just the same.
"""
from __future__ import annotations

import contextlib
import os

import pytest

from tests.robustness.conftest import digest, fails
from tests.robustness.test_sink_failures import DISK_FULL, disk, fill, left  # noqa: F401 - disk: a fixture

PDF = "laporan_monev_all.pdf"  # the sample plan has no monitoring data: the report of all months
INCOMPLETE = "cannot be written: the PDF written is incomplete. Choose another folder."


def _params(gpkg, folder):
    return {"PLAN_DB": str(gpkg), "OUTPUT_SLA": "TEMPORARY_OUTPUT", "OUTPUT_SCORECARD": "TEMPORARY_OUTPUT",
            "OUTPUT_FLAGS": "TEMPORARY_OUTPUT", "OUTPUT_REPORT_FOLDER": str(folder)}


def _users_report(folder) -> dict:
    """A report folder the user already has (last month's report): {name: checksum}."""
    folder.mkdir()
    # (the report's first row: a file of that name the tool did not write is refused before the run)
    (folder / "sla_all.csv").write_bytes(b"code,provider,month,availability_pct,counted_downtime_s,basis,restitution\n"
                                         b"last month's row\n")
    (folder / PDF).write_bytes(b"%PDF-1.4 last month's report\n%%EOF\n")
    return {name: digest(folder / name) for name in os.listdir(folder)}


def _as_it_was(folder, before: dict) -> bool:
    return {name: digest(folder / name) for name in os.listdir(folder)} == before


@contextlib.contextmanager
def file_size_limit(limit: int):
    """Writes past ``limit`` bytes of a file fail (EFBIG) for this process, as on a disk that fills up."""
    resource = pytest.importorskip("resource")
    import signal

    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing the process
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)


# ---- a real full disk (a small tmpfs; needs mount) ----------------------------------------------------------------
# 20 KB free: the probe and the four CSV files fit (a 4 KB page each), the PDF is cut off after 4096 bytes;
# 8 KB free: a CSV file cannot be written (the message names it as well)
@pytest.mark.parametrize("free_kb,name", [(20, PDF), (8, "flags_all.csv")])
def test_slareport_on_a_full_disk_fails_and_leaves_nothing(provider, gpkg, disk, free_kb, name):  # noqa: F811
    out = disk / "rep"
    fill(disk, free_kb * 1024)
    text = fails("slareport", _params(gpkg, out))
    assert f"OUTPUT_REPORT_FOLDER = {out / name} {DISK_FULL}" in text, text
    assert left(disk) == ["filler"]


def test_slareport_on_a_full_disk_keeps_the_users_report_folder(provider, gpkg, disk):  # noqa: F811
    out = disk / "rep"
    before = _users_report(out)
    fill(disk, 20 * 1024)
    text = fails("slareport", _params(gpkg, out))
    assert f"OUTPUT_REPORT_FOLDER = {out / PDF} {DISK_FULL}" in text, text
    assert _as_it_was(out, before) and left(disk) == ["filler", "rep"]


# ---- the same short writes without root ----------------------------------------------------------------------------
@pytest.mark.parametrize("disk_full", [True, False])
def test_a_pdf_cut_off_by_a_failed_write_fails_the_run(provider, gpkg, tmp_path, monkeypatch, disk_full):
    """Every write past 8 KB fails: the CSV files are written, the PDF is cut off and QGIS says Success. On a disk
    that is full (its free space, as the system tells it) the reason is no space left; else the PDF is incomplete."""
    import shutil

    if disk_full:
        real = shutil.disk_usage

        def disk_usage(path):
            usage = real(path)
            return type(usage)(usage.total, usage.total, 0) if str(path).startswith(str(tmp_path)) else usage

        monkeypatch.setattr(shutil, "disk_usage", disk_usage)
    out = tmp_path / "rep"
    before = _users_report(out)
    new = tmp_path / "new" / "rep"
    new.parent.mkdir()
    with file_size_limit(8 * 1024):
        text = fails("slareport", _params(gpkg, out))
        text_new = fails("slareport", _params(gpkg, new))
    why = DISK_FULL if disk_full else INCOMPLETE
    assert f"OUTPUT_REPORT_FOLDER = {out / PDF} {why}" in text, text
    assert f"OUTPUT_REPORT_FOLDER = {new / PDF} {why}" in text_new, text_new
    assert _as_it_was(out, before) and sorted(os.listdir(tmp_path / "new")) == []
    assert not [n for n in os.listdir(tmp_path) if ".kaltim-partial-" in n]
    # with room again, the same run writes the whole report
    import processing

    res = processing.run("kaltiminternet:slareport", _params(gpkg, new))
    assert res["REPORT_PDF"] == str(new / PDF)
    from kaltim_internet_plugin.report import pdf

    assert pdf.is_complete(res["REPORT_PDF"]) and os.path.getsize(res["REPORT_PDF"]) > 8 * 1024


def test_is_complete_reads_the_end_of_a_pdf(tmp_path):
    """A whole PDF (QGIS's, with GDAL's georeference appended as an update) is complete; the same file cut off
    anywhere, empty, missing, or with its last cross-reference offset wrong, is not."""
    from kaltim_internet_plugin.report import monitoring_report as mr
    from kaltim_internet_plugin.report import pdf

    whole = tmp_path / "whole.pdf"
    mr.write_pdf(str(whole), mr.template_path(), "2025-10", [("Site-months evaluated", "0")], [], [])
    data = whole.read_bytes()
    assert pdf.is_complete(str(whole)) and data.count(b"%%EOF") >= 1
    cases = {"cut_4096": data[:4096], "cut_before_eof": data[:-6], "cut_half": data[:len(data) // 2],
             "empty": b"", "no_header": data[5:], "offset_outside": data.replace(
                 data[data.rindex(b"startxref"):], b"startxref\n99999999\n%%EOF\n")}
    for name, content in cases.items():
        (tmp_path / f"{name}.pdf").write_bytes(content)
        assert not pdf.is_complete(str(tmp_path / f"{name}.pdf")), name
    assert not pdf.is_complete(str(tmp_path / "missing.pdf"))
    (tmp_path / "crlf.pdf").write_bytes(data.rstrip() + b"\r\n")
    assert pdf.is_complete(str(tmp_path / "crlf.pdf"))


def test_exportplan_fails_on_a_cut_off_pdf_and_keeps_the_users_folder(provider, tmp_path, monkeypatch):
    """The same short write in exportplan (QGIS says Success for a cut-off PDF): every PDF it exports is read back;
    a cut-off one fails the run naming the file, and the export folder the user had stays as it was."""
    from kaltim_internet_plugin.report import pdf
    from tests.qgis.test_exportplan import build_plan

    small = build_plan(kab_codes={"64.74"})
    out = tmp_path / "out"
    before = _users_report(out)
    real = pdf.is_complete
    monkeypatch.setattr(pdf, "is_complete", lambda path: real(path) and not path.endswith("atlas_kabkota.pdf"))
    text = fails("exportplan", {"VILLAGES": small["villages"], "TRAINING_TABLE": small["training"],
                                "SHARING_TABLE": small["sharing"], "OUTPUT_FOLDER": str(out)})
    assert f"OUTPUT_FOLDER = {out / 'atlas_kabkota.pdf'} {INCOMPLETE}" in text, text
    assert _as_it_was(out, before)
    assert not [n for n in os.listdir(tmp_path) if ".kaltim-partial-" in n]
    small.clear()


def test_export_pdf_refuses_a_pdf_cut_off_by_a_failed_write(provider, tmp_path):
    """The layouts' own export (overview, atlas, report) on a short write: IncompletePdfError with the file."""
    from qgis.core import QgsLayoutItemLabel, QgsPrintLayout, QgsProject

    from kaltim_internet_plugin.report import pdf

    layout = QgsPrintLayout(QgsProject.instance())
    layout.initializeDefaults()
    label = QgsLayoutItemLabel(layout)
    label.setText("Rencana Internet Desa Kalimantan Timur")
    layout.addLayoutItem(label)
    whole = tmp_path / "whole.pdf"
    assert pdf.export_pdf(layout, str(whole)) == 1 and pdf.is_complete(str(whole))
    assert os.path.getsize(whole) > 1024
    with file_size_limit(1024), pytest.raises(pdf.IncompletePdfError) as exc:
        pdf.export_pdf(layout, str(tmp_path / "cut.pdf"))
    assert exc.value.filename == str(tmp_path / "cut.pdf")


def test_a_failed_run_removes_the_folders_it_made_above_its_output_folder(provider, gpkg, tmp_path):
    """An output folder whose parents do not exist yet (…/a/b/rep): the run makes them; a failed run removes them
    again with its files (before: the cut-off PDF was removed, the CSV files and the new folders stayed)."""
    import processing

    out = tmp_path / "a" / "b" / "rep"
    with file_size_limit(8 * 1024):
        text = fails("slareport", _params(gpkg, out))
    assert f"OUTPUT_REPORT_FOLDER = {out / PDF} {INCOMPLETE}" in text, text
    assert sorted(os.listdir(tmp_path)) == ["data"]  # gpkg's own folder; no 'a'
    res = processing.run("kaltiminternet:slareport", _params(gpkg, out))
    assert res["REPORT_PDF"] == str(out / PDF) and sorted(os.listdir(out)) == [
        "flags_all.csv", "indicators_all.csv", PDF, "scorecard_all.csv", "sla_all.csv"]
