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
