"""Issue 17 item 5: the layout templates are built by scripts/make_templates.py (not by the plugin at run time), and
the committed .qpt files are what that script makes."""
from __future__ import annotations

from pathlib import Path

from qgis.core import QgsLayoutFrame, QgsLayoutItemPage, QgsProject

ROOT = Path(__file__).resolve().parents[2]


def _items(layout) -> dict:
    """Every item by id: its kind, page, position and size on the page (mm, rounded to 0.1)."""
    out = {}
    for item in layout.items():
        if not hasattr(item, "uuid") or isinstance(item, QgsLayoutItemPage):
            continue
        pos, size = item.positionWithUnits(), item.sizeWithUnits()
        kind = type(item.multiFrame()).__name__ if isinstance(item, QgsLayoutFrame) else type(item).__name__
        key = item.id() or f"<{kind} {item.uuid()}>"
        out[key] = (kind, item.page(), round(pos.x(), 1), round(pos.y(), 1), round(size.width(), 1),
                    round(size.height(), 1))
    return out


def test_make_templates_regenerates_the_committed_templates(qgis_app, tmp_path):
    import make_templates  # scripts/, on sys.path through tests/conftest.py

    from kaltim_internet_plugin.report import layouts

    paths = make_templates.write_default_templates(str(tmp_path))
    names = (*layouts.TEMPLATES, layouts.MONITORING_TEMPLATE)
    assert sorted(Path(p).name for p in paths) == sorted(names)
    assert (tmp_path / "north_arrow.svg").is_file()
    project = QgsProject()
    for name in names:
        made = layouts.load_template(project, str(tmp_path), name, name)
        committed = layouts.load_template(project, layouts.default_template_folder(), name, name)
        assert _items(made) == _items(committed), name
        assert made.pageCollection().pageCount() == committed.pageCollection().pageCount(), name
        assert all(not key.startswith("<") for key in _items(committed)), name  # every item has an id
    # stable output: a second run writes the same bytes
    first = {p: Path(p).read_text(encoding="utf-8") for p in paths}
    make_templates.write_default_templates(str(tmp_path))
    assert {p: Path(p).read_text(encoding="utf-8") for p in paths} == first


def test_the_plugin_does_not_build_templates():
    text = (ROOT / "kaltim_internet_plugin" / "report" / "layouts.py").read_text(encoding="utf-8")
    for name in ("write_default_templates", "build_atlas_layout", "build_report_layout", "def add_label",
                 "QgsLayoutItemMapGrid("):
        assert name not in text, name
