"""The ``coder`` command line: thin wrappers over the library.

Each command parses its options, calls one library function and turns library errors into
clear messages with a non-zero exit.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import click

from . import __version__
from .codebooks import CodebookError
from .ingest import IngestError, parse_mapping, parse_published


class _Date(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return parse_published(str(value)).date()
        except ValueError:
            self.fail(f"{value!r} is not an ISO date (YYYY-MM-DD)", param, ctx)


DATE = _Date()


def _echo_json(obj: object) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False))


def _jsonl(stream: TextIO) -> Iterator[dict[str, Any]]:
    for n, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise click.ClickException(f"line {n}: invalid JSON: {exc.msg}") from exc
        if not isinstance(obj, dict):
            raise click.ClickException(f"line {n}: expected a JSON object")
        yield obj


def _fail(exc: Exception) -> click.ClickException:
    return click.ClickException(str(exc))


@click.group()
@click.version_option(__version__, prog_name="coder")
def cli() -> None:
    """Arabic news to conflict-event datasets (ACLED and CAMEO/GDELT layouts)."""


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("exports"), show_default=True, help="Folder that holds releases.")
@click.option("--release", help="Release name (default: release-<release date>).")
@click.option("--release-date", type=DATE,
              help="Release date; default $SOURCE_DATE_EPOCH, else today (UTC).")
@click.option("--map", "maps", multiple=True, metavar="FIELD=COLUMN",
              help="Read FIELD from another column, e.g. --map text=content.")
@click.option("--force", is_flag=True, help="Replace an existing release of the same name.")
@click.option("--acled-date-style", type=click.Choice(["iso", "export"]), default="iso",
              show_default=True, help="'export' writes ACLED export-tool dates (dd Month yyyy).")
@click.option("--numeric-inter", is_flag=True,
              help="Write ACLED's older numeric inter1/inter2/interaction codes.")
def export(inputs: tuple[Path, ...], out_dir: Path, release: str | None,
           release_date: dt.date | None, maps: tuple[str, ...], force: bool,
           acled_date_style: str, numeric_inter: bool) -> None:
    """Code articles and write a versioned release (the bundled sample without INPUTS)."""
    from .export.release import ReleaseExistsError, release_date_from_env
    from .pipeline import run_export

    try:
        day = release_date or release_date_from_env() or dt.datetime.now(dt.UTC).date()
    except ValueError as exc:
        raise click.ClickException(f"SOURCE_DATE_EPOCH: {exc}") from exc
    show = sys.stderr.isatty()

    def progress(n: int) -> None:
        if show and n % 25 == 0:
            click.echo(f"\r  {n} records …", err=True, nl=False)

    try:
        summary = run_export(inputs, out_dir, release, day, mapping=parse_mapping(maps),
                             force=force, acled_date_style=acled_date_style,
                             numeric_inter=numeric_inter, progress=progress)
    except ReleaseExistsError as exc:
        raise click.ClickException(f"{exc} (pass --force to replace it)") from exc
    except (IngestError, CodebookError, ValueError) as exc:
        raise _fail(exc) from exc
    if show:
        click.echo("\r", err=True, nl=False)
    s = summary.as_dict()
    click.echo(f"release: {s['release']}", err=True)
    click.echo(f"articles read: {s['articles_read']}  coded: {s['coded']}  "
               f"no event: {s['no_event']}  rejected: {s['rejected']}", err=True)
    click.echo(f"events: {s['events']}", err=True)
    for kind, n in summary.events_by_type.most_common():
        click.echo(f"  {n:6d}  {kind}", err=True)
    click.echo(f"elapsed: {summary.elapsed:.2f} s", err=True)


@cli.command()
@click.argument("path", type=click.Path(path_type=Path, exists=True, file_okay=False))
def validate(path: Path) -> None:
    """Check a release against its datapackage.json: hashes, schemas, row counts."""
    from .validate import validate_release

    problems = validate_release(path)
    if problems:
        for p in problems:
            click.echo(f"- {p}", err=True)
        raise click.ClickException(f"{path}: {len(problems)} problem(s)")
    click.echo(f"{path}: valid")


def _text_or_input(text: str | None, input_file: TextIO | None) -> None:
    if (text is None) == (input_file is None):
        raise click.UsageError("give either TEXT (with --published) or --input FILE.jsonl")


@cli.command()
@click.argument("text", required=False)
@click.option("--published", type=DATE, help="Publication date of TEXT.")
@click.option("--input", "input_file", type=click.File("r", encoding="utf-8"),
              help="JSON Lines of {id, published, text}; '-' reads standard input.")
def dates(text: str | None, published: dt.date | None, input_file: TextIO | None) -> None:
    """Find and resolve the date expressions of a text."""
    from .dates import tag_dates, tag_records

    _text_or_input(text, input_file)
    try:
        if input_file is not None:
            for out in tag_records(_jsonl(input_file)):
                _echo_json(out)
            return
        if published is None:
            raise click.UsageError("--published is required with TEXT")
        for m in tag_dates(text or "", published):
            _echo_json(m.as_json())
    except CodebookError as exc:
        raise _fail(exc) from exc


@cli.command()
@click.argument("text")
@click.option("--country", help="ISO3 of the article's country context, e.g. SYR.")
def places(text: str, country: str | None) -> None:
    """Print the places found in a text with their gazetteer fields."""
    from .places import find_places, place_json

    try:
        for m in find_places(text, country.upper() if country else None):
            _echo_json(place_json(m))
    except CodebookError as exc:
        raise _fail(exc) from exc


@cli.command()
@click.argument("text", required=False)
@click.option("--published", type=DATE, help="Publication date of TEXT.")
@click.option("--input", "input_file", type=click.File("r", encoding="utf-8"),
              help="JSON Lines of {id, published, text[, title]}; '-' reads standard input.")
def code(text: str | None, published: dt.date | None, input_file: TextIO | None) -> None:
    """Print the events coded from a text as JSON."""
    from .inspect import code_json, code_records, text_article

    _text_or_input(text, input_file)
    try:
        if input_file is not None:
            for out in code_records(_jsonl(input_file)):
                _echo_json(out)
            return
        if published is None:
            raise click.UsageError("--published is required with TEXT")
        for ev in code_json(text_article(text or "", published)):
            _echo_json(ev)
    except CodebookError as exc:
        raise _fail(exc) from exc


@cli.command()
@click.argument("text")
@click.option("--published", type=DATE, required=True, help="Publication date of TEXT.")
def explain(text: str, published: dt.date) -> None:
    """Show which codebook entries fired for each event, and why others were rejected."""
    from .inspect import explain as explain_text
    from .inspect import text_article

    try:
        click.echo(explain_text(text_article(text, published)))
    except CodebookError as exc:
        raise _fail(exc) from exc


@cli.command()
@click.argument("articles", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--gold", "gold_path", required=True,
              type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Gold events (JSON Lines, see the annotation guideline).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--verbose", is_flag=True, help="Add per-article misses and false positives.")
def evaluate(articles: Path, gold_path: Path, as_json: bool, verbose: bool) -> None:
    """Score the coder on ARTICLES against gold events."""
    from .evaluate import evaluate_files, format_report, report_json

    try:
        report = evaluate_files(gold_path, articles)
    except (IngestError, CodebookError, ValueError) as exc:
        raise _fail(exc) from exc
    if as_json:
        _echo_json(report_json(report))
    else:
        click.echo(format_report(report, verbose=verbose) if verbose else format_report(report))


if __name__ == "__main__":  # pragma: no cover
    cli()
