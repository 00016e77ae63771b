"""Shared fixtures for the user-level tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from coder.pipeline import sample_corpus


@pytest.fixture(scope="session")
def sample_articles() -> Path:
    """The bundled sample corpus (what ``coder export`` codes without inputs)."""
    path = sample_corpus()
    assert path.is_file()
    return path
