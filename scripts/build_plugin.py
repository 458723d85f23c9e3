#!/usr/bin/env python3
"""Assemble the installable plugin folder (and optionally the zip a user installs with *Install from ZIP*).

Layout inside the zip: kaltim_internet_plugin/{*.py, core/, ..., metadata.txt, resources/, i18n/*.qm, LICENSE}
"""
from __future__ import annotations

import argparse
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLUGIN = "kaltim_internet_plugin"
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", ".pytest_cache")


def assemble(out: Path) -> Path:
    target = out / PLUGIN
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT / PLUGIN, target, ignore=IGNORE)
    shutil.copytree(ROOT / "resources", target / "resources", ignore=IGNORE)
    (target / "i18n").mkdir()
    qms = sorted((ROOT / "i18n").glob("*.qm"))
    if not qms:
        sys.exit("build_plugin: no .qm in i18n/ — run `make translations` first")
    for qm in qms:
        shutil.copy2(qm, target / "i18n" / qm.name)
    for name in ("metadata.txt", "LICENSE", "README.md"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, target / name)
    (target / "docs").mkdir()
    shutil.copy2(ROOT / "docs" / "user-guide.md", target / "docs" / "user-guide.md")
    shutil.copytree(ROOT / "docs" / "guide", target / "docs" / "guide")
    return target


def make_zip(folder: Path, zip_path: Path) -> None:
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(folder.parent).as_posix())
    size = zip_path.stat().st_size / 1e6
    print(f"{zip_path} ({size:.1f} MB)")
    if size > 25:
        sys.exit(f"build_plugin: the zip is {size:.1f} MB, over the 25 MB budget")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="build/plugins")
    parser.add_argument("--zip")
    args = parser.parse_args()
    folder = assemble(ROOT / args.out)
    if args.zip:
        make_zip(folder, ROOT / args.zip)


if __name__ == "__main__":
    main()
