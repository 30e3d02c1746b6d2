"""NewsML-G2 2.35 output: a newsItem file, one newsMessage file, or a folder of newsItems.

``--output FILE.xml`` holds one ``newsItem`` when the run yields one article
and one ``newsMessage`` (header with ``sent``, ``sender``, ``transmitId``;
``itemSet`` of newsItems) when it yields more, or always with
``message=True`` (the command line sets it unless a single file is named,
so the container does not depend on how many articles succeed). ``--output -`` writes the same
to standard output; any other ``--output`` is a folder that gets
``<stem>.xml`` per article.

Documents arrive one at a time and memory stays flat: the first article is
held back until a second one arrives (then the message is opened and both
are written) or the run ends (then it is written as a plain newsItem). The
message is written element by element with lxml's incremental writer, and
validated while streaming.

Timestamps: ``versionCreated`` is the run's start time, except when
``reproducible`` is asked for or ``SOURCE_DATE_EPOCH`` is set; then no clock
is read: every timestamp is ``SOURCE_DATE_EPOCH`` (or the ``timestamp``
option), else the date in the article's dateline (midnight UTC), else
1970-01-01T00:00:00+00:00, so the same input gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .. import __version__
from ..atomic import commit, discard, temp_path_for
from .json_format import FolderNames, document_stem

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
SENDER = "exporter.dev"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
INDENT = "  "


class NewsmlError(ValueError):
    """A NewsML-G2 option that cannot be used (bad SOURCE_DATE_EPOCH, unusable XSD); a usage problem."""

    status = 2


class NewsmlInvalid(NewsmlError):
    """Outputs that fail ``--validate``; they were not published. One line per problem."""

    status = 1

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


def iso_utc(moment: datetime) -> str:
    """xs:dateTime in UTC with an explicit offset, to the second: ``2024-01-30T00:00:00+00:00``."""
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def source_date_epoch(environ: Any = os.environ) -> datetime | None:
    """``SOURCE_DATE_EPOCH`` (reproducible-builds.org) as a UTC datetime, or None when unset."""
    raw = environ.get("SOURCE_DATE_EPOCH")
    if raw is None or raw.strip() == "":
        return None
    try:
        return datetime.fromtimestamp(int(raw.strip()), tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise NewsmlError(f"SOURCE_DATE_EPOCH={raw!r} is not a number of seconds since 1970-01-01") from None


def _parse_timestamp(value: datetime | str) -> datetime:
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise NewsmlError(f"timestamp {value!r} is not an ISO 8601 date-time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def writer_options(fmt: str, *, validate: bool = False, xsd: str | None = None,
                   reproducible: bool = False) -> Callable[[Any], dict[str, Any]]:
    """Check the command line's NewsML-G2 options; returns ``inputs -> writer options``.

    Raises :class:`NewsmlError` (a usage error) for options given to another
    format (``--reproducible`` also serves xlsx), ``--validate`` without ``--xsd`` or the reverse, or a bad
    ``SOURCE_DATE_EPOCH``, before any article is read. ``inputs`` (the
    command's :class:`exporter.inputs.Inputs`) decides the container: one
    article named directly gives a newsItem, anything else a newsMessage,
    whatever number of articles then succeeds.
    """
    used = [name for name, on in (("--validate", validate), ("--xsd", xsd is not None)) if on]
    if fmt != "newsml":
        if reproducible and fmt != "xlsx":
            used.append("--reproducible")
        if used:
            only = "newsml" if len(used) > 1 or used[0] != "--reproducible" else "newsml or xlsx"
            raise NewsmlError(f"{' and '.join(used)}: only for --format {only}")
        if fmt != "xlsx":
            return lambda inputs: {}
        source_date_epoch()  # a bad value is a usage error before any article is read
        return lambda inputs: {"reproducible": reproducible}
    if validate and xsd is None:
        raise NewsmlError("--validate needs --xsd PATH (the NewsML-G2 schema is not shipped with exporter)")
    if xsd is not None and not validate:
        raise NewsmlError("--xsd is only used with --validate")
    source_date_epoch()
    options = {"validate": validate, "xsd": xsd, "reproducible": reproducible}
    return lambda inputs: {**options, "message": not getattr(inputs, "single", False)}


class Clock:
    """Where timestamps come from: the run's start, or (reproducible) a fixed time or the article."""

    def __init__(self, reproducible: bool = False, fixed: datetime | str | None = None):
        env = source_date_epoch()
        self.fixed = _parse_timestamp(fixed) if fixed is not None else env
        self.reproducible = reproducible or self.fixed is not None
        self.start = None if self.reproducible else datetime.now(timezone.utc)

    def created(self, doc: dict[str, Any]) -> str:
        """versionCreated for ``doc``."""
        if self.start is not None:
            return iso_utc(self.start)
        if self.fixed is not None:
            return iso_utc(self.fixed)
        date = str((doc.get("dateline") or {}).get("date") or "")
        try:
            return iso_utc(datetime.strptime(date, "%Y-%m-%d").replace(tzinfo=timezone.utc))
        except ValueError:
            return iso_utc(EPOCH)

    def sent(self, first_created: str) -> str:
        """newsMessage ``sent``: the run's time, or reproducibly the fixed time or the first item's."""
        if self.start is not None:
            return iso_utc(self.start)
        return iso_utc(self.fixed) if self.fixed is not None else first_created


class NewsmlWriter:
    """Writer for ``--format newsml`` (see the module docstring for the output modes)."""

    def __init__(self, output: Path | str, *, validate: bool = False, xsd: str | Path | None = None,
                 reproducible: bool = False, timestamp: datetime | str | None = None, version: int = 1,
                 message: bool = False, **_: Any):
        if validate and xsd is None:
            raise NewsmlError("validating needs the NewsML-G2 XSD (--xsd PATH); it is not shipped")
        if not isinstance(version, int) or version < 1:
            raise NewsmlError(f"version must be a positive whole number, not {version!r}")
        self.output = output
        self.clock = Clock(reproducible, timestamp)
        self.version = version
        self.message = message
        self.schema = None
        self.xsd_name = None
        if xsd is not None:
            from .newsml_xsd import SchemaError, load_schema

            try:
                self.schema = load_schema(xsd)
            except SchemaError as e:
                raise NewsmlError(f"--xsd {e}") from None
            self.xsd_name = Path(xsd).name
        self.notices: list[str] = []
        self.invalid: list[str] = []
        self.folder = output != "-" and Path(output).suffix.lower() != ".xml"
        self._names = FolderNames(Path(output), ".xml") if self.folder else None
        self._ids: set[str] = set()
        self._pending: dict[str, Any] | None = None
        self._pending_item = None
        self._tmp: Path | None = None
        self._fh = None
        self._stack: ExitStack | None = None
        self._xf = None
        if self.folder:
            Path(output).mkdir(parents=True, exist_ok=True)

    # -- the Writer protocol ------------------------------------------------

    def write(self, doc: dict[str, Any]) -> None:
        if self.folder:
            self._write_file(doc)
            return
        if doc["id"] in self._ids:
            self.notices.append(f"{self._label(doc)}: same text as an earlier article; written once "
                                f"(one guid per item in a newsMessage)")
            return
        self._ids.add(doc["id"])
        if self._xf is None:
            if self._pending is None and not self.message:
                # Held back: a newsItem if it stays alone. Built now, so a document
                # the writer cannot take fails here, as itself.
                self._pending, self._pending_item = doc, self._build(doc, level=0)
                return
            pending, self._pending, self._pending_item = self._pending, None, None
            self._open_message(pending or doc)
            if pending is not None:
                self._write_message_item(pending, notify=False)  # its notices were given when built
        self._write_message_item(doc)

    def close(self) -> None:
        if self.folder:
            self._raise_invalid()
            return
        if self._xf is None and self._pending is None:
            self.notices.append(f"{self.output}: no articles to write; nothing written")
            return
        if self._xf is not None:
            self._xf.write("\n" + INDENT)
            self._stack.close()  # closes itemSet, newsMessage and the incremental writer
            self._fh.write(b"\n")
        else:
            from lxml import etree

            self._start_file()
            self._fh.write(etree.tostring(self._pending_item, encoding="utf-8") + b"\n")
        self._fh.close()
        self._fh = None
        if self.schema is not None:
            from .newsml_xsd import problems

            name = "<stdout>" if self.output == "-" else str(self.output)
            found = problems(self._tmp, self.schema)
            self.invalid += [f"{name}: not valid against {self.xsd_name}: {p}" for p in found]
            if self.invalid:
                discard(self._tmp)
                self._tmp = None
                self._raise_invalid()
        self._publish()

    def abort(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        if self._tmp is not None:
            discard(self._tmp)
            self._tmp = None

    # -- internals -------------------------------------------------------------

    @staticmethod
    def _label(doc: dict[str, Any]) -> str:
        return (doc.get("source") or {}).get("file") or document_stem(doc)

    def _build(self, doc: dict[str, Any], level: int, notify: bool = True) -> Any:
        """The newsItem element for ``doc``; its XML warning, if any, becomes a notice."""
        from .newsml_item import build_item

        item, info = build_item(doc, created=self.clock.created(doc), version=self.version, level=level,
                                space=INDENT)
        if info.warning and notify:
            self.notices.append(f"{self._label(doc)}: {info.warning['message']}")
        return item

    def _write_file(self, doc: dict[str, Any]) -> None:
        from lxml import etree

        target = self._names.path_for(doc, self.notices)
        item = self._build(doc, level=0)
        tmp = temp_path_for(target)
        try:
            tmp.write_bytes(DECLARATION + etree.tostring(item, encoding="utf-8") + b"\n")
            if self.schema is not None:
                from .newsml_xsd import problems

                found = problems(tmp, self.schema)
                if found:
                    self.invalid += [f"{target}: not valid against {self.xsd_name}: {p}" for p in found]
                    discard(tmp)
                    return
        except BaseException:
            discard(tmp)
            raise
        commit(tmp, target)

    def _start_file(self) -> None:
        if self.output == "-":
            fd, name = tempfile.mkstemp(prefix="exporter-newsml-", suffix=".xml")
            os.close(fd)
            self._tmp = Path(name)
        else:
            self._tmp = temp_path_for(Path(self.output))
        self._fh = self._tmp.open("wb")
        self._fh.write(DECLARATION)

    def _open_message(self, first: dict[str, Any]) -> None:
        from lxml import etree

        from .newsml_item import NS, g, guid_for

        self._start_file()
        self._stack = ExitStack()
        self._xf = self._stack.enter_context(etree.xmlfile(self._fh, encoding="utf-8"))
        self._stack.enter_context(self._xf.element(g("newsMessage"), nsmap={None: NS}))
        sent = self.clock.sent(self.clock.created(first))
        header = etree.Element(g("header"), nsmap={None: NS})
        etree.SubElement(header, g("sent")).text = sent
        etree.SubElement(header, g("sender")).text = SENDER
        digest = hashlib.sha256(guid_for(first).encode()).hexdigest()[:16]
        stamp = sent[:19].replace("-", "").replace(":", "")
        etree.SubElement(header, g("transmitId")).text = f"{SENDER}:{stamp}:{digest}"
        etree.SubElement(header, g("origin")).text = f"exporter {__version__}"
        etree.indent(header, space=INDENT, level=1)
        self._xf.write("\n" + INDENT)
        self._xf.write(header)
        self._xf.write("\n" + INDENT)
        self._stack.enter_context(self._xf.element(g("itemSet")))

    def _write_message_item(self, doc: dict[str, Any], notify: bool = True) -> None:
        item = self._build(doc, level=2, notify=notify)
        self._xf.write("\n" + INDENT * 2)
        self._xf.write(item)
        self._xf.flush()

    def _publish(self) -> None:
        if self.output == "-":
            with self._tmp.open("rb") as f:
                shutil.copyfileobj(f, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            discard(self._tmp)
        else:
            commit(self._tmp, Path(self.output))
        self._tmp = None

    def _raise_invalid(self) -> None:
        if self.invalid:
            raise NewsmlInvalid(self.invalid)
