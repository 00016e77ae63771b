"""Writing a release folder atomically.

Everything is written into a temporary folder inside ``out_dir`` (``.<release>.tmp-XXXX``),
fsynced, then renamed to ``out_dir/<release>``.  An existing release is replaced only with
``force``: the old folder is renamed away, the new one renamed in, then the old one deleted.
Any error removes the temporary folder, so no partial release is ever visible.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from ..model import Event, Reject
from .acled_table import AcledOptions, write_acled
from .common import Resource, fsync_path, sorted_events
from .datapackage import build_descriptor, write_datapackage
from .gdelt import write_gdelt
from .native import write_native
from .rejects import write_rejects


class ReleaseExistsError(FileExistsError):
    """The release folder exists and ``force`` was not given."""


def release_date_from_env() -> dt.date | None:
    """The UTC date of ``$SOURCE_DATE_EPOCH`` (reproducible builds), or None when unset."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        seconds = int(raw)
    except ValueError as exc:
        raise ValueError(f"SOURCE_DATE_EPOCH must be an integer, found {raw!r}") from exc
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()


def _check_name(release: str) -> None:
    if not release or release in {".", ".."} or release.startswith(".") or any(
        sep in release for sep in ("/", "\\", os.sep)
    ):
        raise ValueError(f"bad release name {release!r}: use a plain folder name")


def _write_all(events: Sequence[Event], rejects: Sequence[Reject], folder: Path, release: str,
               release_date: dt.date, opts: AcledOptions,
               run_info: Mapping[str, object] | None) -> None:
    pairs = sorted_events(events)
    resources: list[Resource] = []
    resources += write_native(pairs, folder)
    acled_res, acled_skipped = write_acled(pairs, folder, opts)
    resources += acled_res
    gdelt_res, gdelt_skipped = write_gdelt(pairs, folder, release_date)
    resources += gdelt_res
    resources += write_rejects(rejects, folder)
    excluded = {f"acled_{k}": v for k, v in acled_skipped.items()}
    excluded.update({f"gdelt_{k}": v for k, v in gdelt_skipped.items()})
    options = {"acled_date_style": opts.date_style, "numeric_inter": opts.numeric_inter}
    descriptor = build_descriptor(resources, folder, release, release_date, run_info,
                                  excluded, options)
    write_datapackage(descriptor, folder)
    for path in folder.iterdir():
        fsync_path(path)
    fsync_path(folder)


def write_release(
    events: Sequence[Event],
    rejects: Sequence[Reject],
    out_dir: Path,
    release: str,
    release_date: dt.date,
    *,
    force: bool = False,
    acled_date_style: Literal["iso", "export"] = "iso",
    numeric_inter: bool = False,
    run_info: Mapping[str, object] | None = None,
) -> Path:
    """Write ``out_dir/release/`` atomically and return its path.

    ``run_info`` goes into datapackage.json as given: pass no wall-clock values if two runs must
    be byte-identical.  Raises :class:`ReleaseExistsError` if the release exists and not force.
    """
    _check_name(release)
    if acled_date_style not in ("iso", "export"):
        raise ValueError(f"acled_date_style must be 'iso' or 'export', not {acled_date_style!r}")
    out_dir = Path(out_dir)
    target = out_dir / release
    if target.exists() and not force:
        raise ReleaseExistsError(f"release {target} exists; use force to replace it")
    out_dir.mkdir(parents=True, exist_ok=True)
    opts = AcledOptions(release_date, acled_date_style, numeric_inter)
    tmp = Path(tempfile.mkdtemp(prefix=f".{release}.tmp-", dir=out_dir))
    try:
        tmp.chmod(0o755)
        _write_all(events, rejects, tmp, release, release_date, opts, run_info)
        if target.exists():
            if not force:
                raise ReleaseExistsError(f"release {target} appeared while writing")
            old = out_dir / f".{release}.old-{secrets.token_hex(4)}"
            os.rename(target, old)
            try:
                os.rename(tmp, target)
            except BaseException:
                os.rename(old, target)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, target)
        fsync_path(out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target
