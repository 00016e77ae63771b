"""Release writers: the native table, ACLED and GDELT layouts, rejects, datapackage.json.

:func:`write_release` writes them all into one release folder atomically.
"""

from .release import ReleaseExistsError, release_date_from_env, write_release

__all__ = ["ReleaseExistsError", "release_date_from_env", "write_release"]
