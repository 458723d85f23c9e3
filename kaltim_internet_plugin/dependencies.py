"""Runtime dependencies that a QGIS install may lack (a Windows OSGeo4W or standalone install, mostly).

QGIS itself brings PyQt, GDAL (``osgeo``) and, in most installs, numpy. This plugin also imports scipy (its exact
budgeted site selection uses ``scipy.optimize.milp``, HiGHS inside scipy, which appeared in scipy 1.9) and, for
some tools, psycopg2 and openpyxl. :func:`check` finds what is missing or too old without failing on an import;
:func:`explain` says what each missing piece is for and how to install it with the OSGeo4W installer.

Only the translation helper is imported (Qt's translate), so the check runs before the plugin's other modules.
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass

from .i18n import tr


def purpose_text(req: Requirement) -> str:
    """What ``req`` is for, in the user's language (literal tr() calls, so scripts/i18n.py extracts them)."""
    texts = {
        "numpy": tr("all analysis tools"),
        "scipy": tr("budgeted site selection (exact MILP with HiGHS, scipy.optimize.milp), candidate sites and "
                    "technology choice"),
        "osgeo.gdal": tr("rasters, coverage and file export"),
        "psycopg2": tr("team mode (plan on PostGIS)"),
    }
    return texts.get(req.module, req.purpose)


def howto(package: str, pip: str, deb: str) -> str:
    return tr("On Windows, run the OSGeo4W installer (osgeo4w-setup.exe, the one that installed QGIS), choose "
               "'Advanced Install', search for the package {package}, select it and finish, then restart QGIS. "
               "Or run in the OSGeo4W Shell: python -m pip install --upgrade \"{pip}\". "
               "On Debian/Ubuntu: apt install {deb}.").format(package=package, pip=pip, deb=deb)


@dataclass(frozen=True)
class Requirement:
    module: str             # what the plugin imports
    minimum: str | None     # lowest version that works, None: any
    purpose: str            # what it is used for (English; shown to the user)
    osgeo4w: str            # OSGeo4W package name
    pip: str                # pip requirement
    deb: str                # Debian/Ubuntu package
    required: bool = True   # False: a feature degrades or is unavailable, the rest works


REQUIREMENTS = (
    Requirement("numpy", "1.19", "all analysis tools", "python3-numpy", "numpy>=1.19", "python3-numpy"),
    Requirement("scipy", "1.9", "budgeted site selection (exact MILP with HiGHS, scipy.optimize.milp), "
                "candidate sites and technology choice", "python3-scipy", "scipy>=1.9", "python3-scipy"),
    Requirement("osgeo.gdal", "3.0", "rasters, coverage and file export", "gdal (comes with QGIS)", "gdal",
                "python3-gdal"),
    Requirement("psycopg2", None, "team mode (plan on PostGIS)", "python3-psycopg2", "psycopg2", "python3-psycopg2",
                required=False),
)

#: Processing tools (module name under processing/) and the modules they cannot run without.
TOOL_NEEDS = {
    "alg_optimizesites": ("numpy", "scipy"),
    "alg_candidates": ("numpy", "scipy"),
    "alg_choosetech": ("numpy", "scipy"),
}


@dataclass(frozen=True)
class Problem:
    requirement: Requirement
    found: str | None       # installed version, None when the module cannot be imported
    error: str = ""

    @property
    def module(self) -> str:
        return self.requirement.module

    def text(self) -> str:
        r = self.requirement
        need = f"{r.module} >= {r.minimum}" if r.minimum else r.module
        if self.found:
            state = tr("{need} is needed for {purpose}, but version {found} is installed.")
        else:
            state = tr("{need} is needed for {purpose}, but it is not installed.")
        text = state.format(need=need, purpose=purpose_text(r), found=self.found)
        return text + " " + howto(r.osgeo4w, r.pip, r.deb)


def version_tuple(text: str) -> tuple:
    """'1.10.1' -> (1, 10, 1); '1.9.0rc1' -> (1, 9, 0); unparsable parts count as 0."""
    parts = []
    for piece in str(text).split(".")[:3]:
        m = re.match(r"\d+", piece)
        parts.append(int(m.group()) if m else 0)
    return tuple(parts + [0] * (3 - len(parts)))


def module_version(module) -> str:
    return str(getattr(module, "__version__", "") or "")


def check_one(req: Requirement, importer=importlib.import_module) -> Problem | None:
    try:
        module = importer(req.module)
    except Exception as exc:  # noqa: BLE001 - ImportError, or a broken binary module raising anything
        return Problem(req, None, f"{type(exc).__name__}: {exc}")
    if req.minimum is None:
        return None
    found = module_version(module)
    if found and version_tuple(found) < version_tuple(req.minimum):
        return Problem(req, found)
    return None


def check(requirements=REQUIREMENTS, importer=importlib.import_module) -> list[Problem]:
    """Every requirement that is missing or older than its minimum (required ones first)."""
    problems = [p for p in (check_one(r, importer) for r in requirements) if p is not None]
    return sorted(problems, key=lambda p: not p.requirement.required)


def missing_for_tool(tool_module: str, problems) -> list[Problem]:
    needs = set(TOOL_NEEDS.get(tool_module, ()))
    return [p for p in problems if p.module in needs or p.module.split(".")[0] in needs]


def problem_for_import_error(exc: BaseException) -> Problem | None:
    """The requirement behind an ImportError raised while importing one of our modules, if it is one of ours."""
    name = getattr(exc, "name", None) or ""
    for req in REQUIREMENTS:
        if name and (name == req.module or name.split(".")[0] == req.module.split(".")[0]):
            return check_one(req) or Problem(req, None, str(exc))
    return None


def explain(problems) -> str:
    """A message for the user: one paragraph per missing or outdated module."""
    required = [p for p in problems if p.requirement.required]
    optional = [p for p in problems if not p.requirement.required]
    lines = []
    if required:
        lines.append(tr("Internet Desa Kaltim: Python modules it needs are missing or too old; the tools that need "
                         "them are not available until they are installed:"))
        lines += ["  - " + p.text() for p in required]
    if optional:
        lines.append(tr("Internet Desa Kaltim: optional Python modules are missing (the rest of the plugin works):"))
        lines += ["  - " + p.text() for p in optional]
    return "\n".join(lines)
