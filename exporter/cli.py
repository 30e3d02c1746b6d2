"""Command line: a thin click layer, each command one library call.

    exporter extract INPUT...
    exporter export --format json|xlsx|newsml --output PATH INPUT...
    exporter validate FILE...

INPUT is a file, a folder (searched recursively, ``--glob``) or ``-``
(standard input: a list of paths, or one article); see exporter.inputs.

Errors are one line on stderr naming the file and the problem; no tracebacks.
"""

from __future__ import annotations

import functools
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


class SizeType(click.ParamType):
    """A byte count: ``5000000``, ``500k``, ``5MB``."""

    name = "size"

    def convert(self, value, param, ctx):
        from .decode import parse_size

        try:
            return parse_size(value)
        except ValueError as e:
            self.fail(str(e), param, ctx)


def batch_options(command):
    """The options of every command that reads articles, passed on as one ``batch`` argument."""

    @functools.wraps(command)
    def wrapper(*args, jobs, glob, max_bytes, report, quiet, **kwargs):
        from .batch import BatchOptions

        options = BatchOptions(jobs=jobs, pattern=glob, max_bytes=max_bytes, report=report, quiet=quiet)
        return command(*args, batch=options, **kwargs)

    for option in reversed([
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                     help="Worker processes.  [default: all cores]"),
        click.option("--glob", default="*.txt", show_default=True,
                     help="Files to take from folders (file name pattern, case-insensitive; "
                          "with a / it matches the path inside the folder)."),
        click.option("--max-bytes", type=SizeType(), default=DEFAULT_MAX_BYTES,
                     help="Inputs larger than this fail (e.g. 500k, 20MB).  [default: 5MB]"),
        click.option("--report", metavar="FILE.json", default=None,
                     help="Write each input's status and warnings to FILE.json."),
        click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary line."),
    ]):
        wrapper = option(wrapper)
    return wrapper


@cli.command()
@batch_options
@click.argument("inputs", nargs=-1, required=True)
def extract(inputs: tuple[str, ...], batch) -> None:
    """Print the JSON document of each input: FILE, FOLDER, or - for standard input.

    One article prints one indented document; several (a folder, many files,
    a list of paths on standard input) print JSON Lines, in input order.
    """
    from .batch import StdoutWriter, run_command

    sys.exit(run_command(inputs, lambda found: StdoutWriter(pretty=found.single), batch, command="extract",
                         output="-", summary_line=lambda found: not found.single))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="json", show_default=True,
              help="Output format.")
@click.option("--output", "-o", required=True,
              help="Output: a folder (json: one file per article), FILE.jsonl, FILE.xlsx, FILE.xml, or -.")
@click.option("--validate", "validate_output", is_flag=True,
              help="newsml: check every output against --xsd; invalid outputs are not published.")
@click.option("--xsd", type=click.Path(dir_okay=False), default=None,
              help="newsml: the NewsML-G2 XSD for --validate (not shipped; read offline).")
@click.option("--reproducible", is_flag=True,
              help="newsml, xlsx: byte-identical output; timestamps from SOURCE_DATE_EPOCH or the dateline, "
                   "never the clock (also on when SOURCE_DATE_EPOCH is set).")
@batch_options
@click.argument("inputs", nargs=-1, required=True)
def export(fmt: str, output: str, validate_output: bool, xsd: str | None, reproducible: bool,
           inputs: tuple[str, ...], batch) -> None:
    """Extract INPUTS (files, folders, or - for standard input) and write them in one format."""
    from .batch import run_command
    from .formats import UnsupportedFormat, open_writer
    from .formats.newsml import NewsmlError, writer_options

    try:
        options = writer_options(fmt, validate=validate_output, xsd=xsd, reproducible=reproducible)
        status = run_command(inputs, lambda found: open_writer(fmt, output, **options(found)), batch,
                             command="export", output=output, format_name=fmt)
    except UnsupportedFormat as e:
        _error(str(e))
        sys.exit(2)
    except NewsmlError as e:  # a usage problem (2), or outputs that failed --validate (1)
        for line in str(e).splitlines():
            _error(line)
        sys.exit(e.status)
    sys.exit(status)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="text: FILE:LINE:COL: /pointer: message; json: one report object; github: Actions annotations.")
@click.option("--schema-version", metavar="VERSION", default=None,
              help="Newest contract version accepted (default: the current one); older supported versions "
                   "pass with a notice, others fail.")
@click.argument("files", nargs=-1, required=True)
def validate(fmt: str, schema_version: str | None, files: tuple[str, ...]) -> None:
    """Check FILES (.json, .jsonl, folders, or -) against the schema and the document's own rules.

    Exit status: 0 valid, 1 problems found, 2 usage error or unreadable file.
    """
    from .versions import SUPPORTED_SCHEMA_VERSIONS

    if schema_version is not None and schema_version not in SUPPORTED_SCHEMA_VERSIONS:
        raise click.BadParameter(f"{schema_version!r} is not a known version (known: "
                                 f"{', '.join(SUPPORTED_SCHEMA_VERSIONS)})", param_hint="--schema-version")
    from .checker import check_files
    from .reporters import REPORTERS

    sys.exit(check_files(files, REPORTERS[fmt](), schema_version))


def main() -> None:
    cli(prog_name="exporter")
