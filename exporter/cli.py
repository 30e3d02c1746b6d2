"""Command line: a thin click layer, each command one library call.

    exporter extract FILE|-
    exporter export --format json|xlsx|newsml --output PATH INPUT...
    exporter validate FILE...

Errors are one line on stderr naming the file and the problem; no tracebacks.
"""

from __future__ import annotations

import sys

import click

from . import __version__
from .decode import DEFAULT_MAX_BYTES

FORMAT_CHOICES = ["json", "xlsx", "newsml"]


def _error(message: str) -> None:
    click.echo(f"exporter: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="exporter")
def cli() -> None:
    """Turn Arabic news articles into structured, validated documents."""


@cli.command()
@click.argument("file")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse inputs larger than this.")
def extract(file: str, max_bytes: int) -> None:
    """Print the JSON document for FILE (or - for standard input)."""
    from .batch import process_one
    from .formats.json_format import dumps
    from .inputs import expand

    outcome = process_one(next(expand([file])), max_bytes)
    if not outcome.ok:
        _error(f"{outcome.source.label}: {outcome.error}")
        sys.exit(1)
    sys.stdout.write(dumps(outcome.document) + "\n")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="json", show_default=True,
              help="Output format.")
@click.option("--output", "-o", required=True,
              help="Output: a folder (json: one file per article), FILE.jsonl, FILE.xlsx, FILE.xml, or -.")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Inputs larger than this fail.")
@click.argument("inputs", nargs=-1, required=True)
def export(fmt: str, output: str, max_bytes: int, inputs: tuple[str, ...]) -> None:
    """Extract INPUTS (files, folders of *.txt, or -) and write them in one format."""
    from .batch import export_inputs
    from .formats import UnsupportedFormat

    try:
        summary = export_inputs(inputs, fmt, output, max_bytes=max_bytes, on_error=_error)
    except UnsupportedFormat as e:
        _error(str(e))
        sys.exit(2)
    except OSError as e:
        _error(f"{output}: {e.strerror or e}")
        sys.exit(1)
    click.echo(summary.line(), err=True)
    if summary.failed:
        sys.exit(1)


@cli.command()
@click.argument("files", nargs=-1, required=True)
def validate(files: tuple[str, ...]) -> None:
    """Check JSON documents against the schema and the span rules."""
    from .checker import check_files

    sys.exit(check_files(files, lambda line: click.echo(line)))


def main() -> None:
    cli(prog_name="exporter")
