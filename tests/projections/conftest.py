"""Fixtures of the read-side tests: read models on each real database."""

from __future__ import annotations

import pytest

from domain.application import Planlogg
from projections import ReadModels


@pytest.fixture
def models(app: Planlogg) -> ReadModels:
    return ReadModels.open(app)


@pytest.fixture
def memory_models(memory_app: Planlogg) -> ReadModels:
    return ReadModels.open(memory_app)
