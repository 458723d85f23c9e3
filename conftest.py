"""Loaded before pytest-qgis starts QGIS: tests run offscreen unless told otherwise."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
