"""processing.base.PostgisPlanAlgorithm: the PostGIS plan tools share their group, main thread and error report."""
from __future__ import annotations

import pytest
from qgis.core import QgsProcessingAlgorithm, QgsProcessingException

from kaltim_internet_plugin.processing.base import PostgisPlanAlgorithm
from kaltim_internet_plugin.store import StoreError


def test_postgis_tools_share_the_base(provider):
    for alg_id in ("publishplan", "exportplanfrompostgis", "setupteamdb"):
        alg = provider.algorithm(alg_id)
        assert isinstance(alg, PostgisPlanAlgorithm), alg_id
        assert alg.groupId() == "plan", alg_id
        assert alg.flags() & QgsProcessingAlgorithm.Flag.FlagNoThreading, alg_id


def test_run_store_returns_the_result():
    assert PostgisPlanAlgorithm.run_store(lambda a, b=0: a + b, 1, b=2) == 3


def test_run_store_turns_a_store_error_into_the_algorithm_error():
    def fails():
        raise StoreError("the schema 'x' is locked; try again later")

    with pytest.raises(QgsProcessingException, match="locked; try again later"):
        PostgisPlanAlgorithm.run_store(fails)


def test_run_store_lets_other_errors_through():
    def fails():
        raise ValueError("bug")

    with pytest.raises(ValueError):
        PostgisPlanAlgorithm.run_store(fails)
