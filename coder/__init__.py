"""coder: Arabic news to conflict-event datasets in the ACLED and CAMEO traditions."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("coder")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
