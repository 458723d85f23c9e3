"""Where the plugin's files are, both in the source tree and in the installed (zipped) plugin.

Installed: kaltim_internet_plugin/{metadata.txt,resources/,i18n/}. Source tree: those live one level up.
"""
from __future__ import annotations

import configparser
from functools import lru_cache
from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for base in (PLUGIN_DIR, PLUGIN_DIR.parent):
        candidate = base / name
        if candidate.exists():
            return candidate
    return PLUGIN_DIR / name


def resources_dir() -> Path:
    return _find("resources")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_dir() -> Path:
    return resource("sample")


def i18n_dir() -> Path:
    return _find("i18n")


def metadata_path() -> Path:
    return _find("metadata.txt")


@lru_cache(maxsize=1)
def metadata() -> dict:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(metadata_path(), encoding="utf-8")
    return dict(parser["general"])


def version() -> str:
    return metadata().get("version", "0")


def source_file(source: str) -> str:
    """The file of a layer source: 'a.gpkg|layername=villages' -> 'a.gpkg'; '' for a source that names no file."""
    return (source or "").split("|", 1)[0].strip()


def inside_plugin(path) -> bool:
    """True when ``path`` (a file, or a layer source such as 'kaltim_sample.gpkg|layername=villages') lies in the
    plugin's folder or its bundled resources (the sample): files the plugin ships, which it must never write (an
    upgrade would replace them, and every project that opens the sample would see another's edits)."""
    path = source_file(str(path)) if path else ""
    if not path:
        return False
    try:
        target = Path(path).expanduser()
        if not target.is_absolute():  # a memory or virtual layer's source, not a file
            return False
        target = target.resolve()
    except (OSError, RuntimeError):
        return False
    for root in {PLUGIN_DIR, resources_dir().resolve()}:
        if target == root or root in target.parents:
            return True
    return False
