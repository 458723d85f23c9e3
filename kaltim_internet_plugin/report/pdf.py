"""PDF export of the print layouts: searchable text, one PDF per layout or atlas, several PDFs merged into one
(pdfunite or qpdf when present, else painted page by page with QPdfWriter)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from typing import Sequence

from qgis.core import Qgis, QgsLayoutExporter, QgsRenderContext
from qgis.PyQt.QtCore import QSizeF
from qgis.PyQt.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from ..i18n import tr


class IncompletePdfError(OSError):
    """The PDF export reported success but left a cut-off file (``filename``, left for the caller: the free space
    of its disk says why, e.g. processing/sinks.reason_of, before the file is removed)."""

    def __init__(self, path: str):
        super().__init__(None, tr("the PDF written is incomplete"), path)


def error_text(exporter) -> str:
    """The exporter's error message (QgsLayoutExporter.errorMessage() exists from QGIS 3.28; 3.22 has none)."""
    method = getattr(exporter, "errorMessage", None)
    return method() if callable(method) else ""


def _checked(path: str) -> None:
    """Raise :class:`IncompletePdfError` when the PDF at ``path`` is not whole (:func:`is_complete`)."""
    if not is_complete(path):
        raise IncompletePdfError(path)


def always_text():
    """'Always render text as text' (searchable PDFs): Qgis.TextRenderFormat on newer QGIS, the 3.22 enum else."""
    fmt = getattr(Qgis, "TextRenderFormat", None)
    if fmt is not None and hasattr(fmt, "AlwaysText"):
        return fmt.AlwaysText
    return QgsRenderContext.TextRenderFormat.TextFormatAlwaysText


# ---- export -------------------------------------------------------------------------------------------------------
def pdf_settings(dpi: float = 150.0):
    settings = QgsLayoutExporter.PdfExportSettings()
    # vector output with georeference and metadata; text as text (searchable, pdftotext), not outlines
    for name, value in (("dpi", dpi), ("rasterizeWholeImage", False), ("forceVectorOutput", False),
                        ("appendGeoreference", True), ("exportMetadata", True), ("simplifyGeometries", True),
                        ("textRenderFormat", always_text())):
        setattr(settings, name, value)
    return settings


def prepare_for_export(layout, dpi: float = 150.0) -> None:
    layout.renderContext().setDpi(dpi)
    layout.renderContext().setTextRenderFormat(always_text())
    layout.refresh()


def export_pdf(layout, path: str, dpi: float = 150.0) -> int:
    prepare_for_export(layout, dpi)
    exporter = QgsLayoutExporter(layout)
    res = exporter.exportToPdf(path, pdf_settings(dpi))
    if res != QgsLayoutExporter.ExportResult.Success:
        raise RuntimeError(f"PDF export failed ({res}): {error_text(exporter)}")
    _checked(path)  # QGIS says Success when the disk filled during the export
    return layout.pageCollection().pageCount()


# the end of a PDF: "startxref", the offset of the last cross-reference section, "%%EOF" (written last)
_PDF_END = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_START = re.compile(rb"\s*(xref|\d+\s+\d+\s+obj)")


def is_complete(path: str) -> bool:
    """True when ``path`` holds a whole PDF: it begins with ``%PDF-``, ends with ``startxref`` <offset> ``%%EOF``
    (what a PDF writer writes last) and the offset points at a cross-reference section inside the file.

    QgsLayoutExporter.exportToPdf does not check its writer's writes: on a disk that fills during the export it
    returns Success and leaves a file cut off after its first blocks (no trailer), so an export is read back."""
    try:
        with open(path, "rb") as fh:
            if fh.read(5) != b"%PDF-":
                return False
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - 1024))
            end = _PDF_END.search(fh.read())
            if end is None or int(end.group(1)) >= size:
                return False
            fh.seek(int(end.group(1)))
            return _XREF_START.match(fh.read(64)) is not None
    except OSError:
        return False


def export_atlas_pdf(layout, path: str, dpi: float = 150.0, feedback=None) -> int:
    """One PDF with every atlas page. Returns the number of pages written."""
    prepare_for_export(layout, dpi)
    atlas = layout.atlas()
    res, error = QgsLayoutExporter.exportToPdf(atlas, path, pdf_settings(dpi), feedback)
    if res != QgsLayoutExporter.ExportResult.Success:
        raise RuntimeError(f"atlas PDF export failed ({res}): {error}")
    _checked(path)
    return atlas.count() * layout.pageCollection().pageCount()


def merge_pdfs(paths: Sequence[str], out: str) -> bool:
    """Concatenate PDFs with poppler's ``pdfunite`` or ``qpdf`` when present. False when neither is."""
    pdfunite = shutil.which("pdfunite")
    if pdfunite:
        proc = subprocess.run([pdfunite, *paths, out], capture_output=True, text=True)
        if proc.returncode == 0 and os.path.exists(out):
            return True
    qpdf = shutil.which("qpdf")
    if qpdf:
        proc = subprocess.run([qpdf, "--empty", "--pages", *paths, "--", out], capture_output=True, text=True)
        if proc.returncode == 0 and os.path.exists(out):
            return True
    return False


_TRAILER_ROOT = re.compile(rb"/Root\s+(\d+\s+\d+)\s+R")
_TRAILER_SIZE = re.compile(rb"/Size\s+(\d+)")
_OBJECT = re.compile(rb"(?:^|[\r\n])(\d+)\s+\d+\s+obj\b")


def _pdf_text_string(text: str) -> bytes:
    """A PDF text string of any characters: UTF-16BE with its byte order mark, in hex."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


#: the author every PDF of the plugin names (the plan's project metadata, the Info of the atlas and merged PDFs): the
#: plugin's office, not the user the export ran as (QGIS fills a new project's author from the OS user, 'root')
PDF_AUTHOR = "Internet Desa Kaltim"
PDF_CREATOR = "Internet Desa Kaltim (QGIS)"


def set_office_author(project) -> None:
    """Name :data:`PDF_AUTHOR` as ``project``'s author: the PDFs QgsLayoutExporter writes from its layouts (their
    metadata is the project's) and the saved .qgz say the office, not the OS user."""
    metadata = project.metadata()
    metadata.setAuthor(PDF_AUTHOR)
    project.setMetadata(metadata)


def set_pdf_info(path: str, title: str, creator: str = PDF_CREATOR, author: str = PDF_AUTHOR) -> bool:
    """Give the PDF at ``path`` a document Title, Author and Creator, as an incremental update appended to the file:
    a new Info dictionary and a cross-reference section naming it. pdfunite writes no Info, and QGIS 3.22's atlas
    export an empty Title and no Author; a PDF viewer's title bar and a document list show them. False (the file
    unchanged) when the file's last cross-reference is not a classic table with a trailer (pdfunite, qpdf and Qt
    write one)."""
    with open(path, "rb") as fh:
        data = fh.read()
    end = _PDF_END.search(data[-1024:])
    if end is None or not data.startswith(b"%PDF-"):
        return False
    prev = int(end.group(1))
    at = data.rfind(b"trailer", prev)
    if at < 0 or _XREF_START.match(data, prev) is None or not data[prev:].lstrip().startswith(b"xref"):
        return False
    trailer = data[at:]
    root, size = _TRAILER_ROOT.search(trailer), _TRAILER_SIZE.search(trailer)
    if root is None or size is None:
        return False
    number = max([int(size.group(1))] + [int(m.group(1)) for m in _OBJECT.finditer(data)]) + 1
    body = b"\n%d 0 obj\n<< /Title %s /Author %s /Creator %s >>\nendobj\n" % (
        number, _pdf_text_string(title), _pdf_text_string(author), _pdf_text_string(creator))
    offset = len(data) + 1  # the object starts after the body's leading newline
    xref = len(data) + len(body)
    update = body + (b"xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root %s R /Info %d 0 R /Prev %d >>\n"
                     b"startxref\n%d\n%%%%EOF\n") % (number, offset, number + 1, root.group(1), number, prev, xref)
    with open(path, "ab") as fh:
        fh.write(update)
    _checked(path)
    return True


def _page_size_mm(layout, page: int) -> QSizeF:
    size = layout.pageCollection().page(page).pageSize()
    mm = layout.convertToLayoutUnits(size)  # layout units are mm
    return QSizeF(mm.width(), mm.height())


def render_combined_pdf(out: str, parts: Sequence[tuple], dpi: float = 150.0, feedback=None) -> int:
    """Fallback without pdfunite/qpdf: paint the pages of several layouts into one PDF with QPdfWriter.
    ``parts``: (layout, use_atlas) pairs. Returns the page count."""
    writer = QPdfWriter(out)
    writer.setResolution(int(dpi))
    writer.setCreator(PDF_CREATOR)
    painter = None
    pages = 0

    def paint_layout(layout):
        nonlocal painter, pages
        exporter = QgsLayoutExporter(layout)
        for p in range(layout.pageCollection().pageCount()):
            size = _page_size_mm(layout, p)
            page_size = QPageSize(size, QPageSize.Unit.Millimeter)
            orientation = QPageLayout.Orientation
            orient = orientation.Landscape if size.width() > size.height() else orientation.Portrait
            if painter is None:
                writer.setPageLayout(QPageLayout(page_size, orient, QMarginsFZero()))
                painter = QPainter(writer)
            else:
                writer.setPageLayout(QPageLayout(page_size, orient, QMarginsFZero()))
                writer.newPage()
            exporter.renderPage(painter, p)
            pages += 1

    for layout, use_atlas in parts:
        prepare_for_export(layout, dpi)
        if use_atlas:
            atlas = layout.atlas()
            atlas.beginRender()
            for i in range(atlas.count()):
                if feedback is not None and feedback.isCanceled():
                    break
                atlas.seekTo(i)
                paint_layout(layout)
            atlas.endRender()
        else:
            paint_layout(layout)
    if painter is not None:
        painter.end()
        _checked(out)
    return pages


def QMarginsFZero():  # noqa: N802 - tiny factory
    from qgis.PyQt.QtCore import QMarginsF

    return QMarginsF(0, 0, 0, 0)
