"""Check exports against a NewsML-G2 XSD given by the user, offline.

The schema is not shipped (IPTC licence, and archives pin their own
version); ``--xsd PATH`` names it. It is loaded from its file path so its
relative import of ``xml.xsd`` resolves beside it, and any attempt to fetch
something over the network is refused.

Valid files are checked while streaming (``iterparse`` with the schema, items
cleared as they pass), so memory stays flat for a newsMessage of any size.
Only when that fails is the file parsed whole, to say where: libxml2 gives
line numbers and paths only for a parsed tree.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

NS = "http://iptc.org/std/nar/2006-10-01/"


class SchemaError(ValueError):
    """The XSD cannot be loaded."""


@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int) -> Any:
    from lxml import etree

    class NoNetwork(etree.Resolver):
        def resolve(self, url, pubid, context):
            if "://" in url and not url.startswith("file:"):
                raise SchemaError(f"refusing to fetch {url}")
            return None

    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(NoNetwork())
    try:
        return etree.XMLSchema(etree.parse(path, parser))
    except (etree.XMLSyntaxError, etree.XMLSchemaParseError) as e:
        raise SchemaError(f"{path}: not a usable XML Schema: {_short(str(e))}") from None


def load_schema(path: str | Path) -> Any:
    """The compiled schema at ``path`` (cached per file version)."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as e:
        raise SchemaError(f"{path}: {e.strerror or e}") from None
    if not path.is_file():
        raise SchemaError(f"{path}: not a file")
    return _load(str(path.resolve()), stat.st_mtime_ns)


def _short(message: str) -> str:
    """libxml2's message on one line, namespace URIs of NewsML-G2 left out."""
    return " ".join(message.replace(f"{{{NS}}}", "").split())


def _where(tree: Any, entry: Any) -> str:
    """``line N, newsItem[2] (file.txt)/contentMeta/subject[3]``: where an error is, readable."""
    parts = [f"line {entry.line}"] if entry.line else []
    try:
        found = tree.xpath(entry.path) if entry.path else []
    except Exception:  # a path lxml cannot evaluate is only a missing hint
        found = []
    if found:
        steps = []
        for el in [found[0], *found[0].iterancestors()]:
            name = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else "?"
            siblings = [s for s in el.itersiblings(preceding=True) if s.tag == el.tag]
            step = f"{name}[{len(siblings) + 1}]" if siblings or any(
                s.tag == el.tag for s in el.itersiblings()) else name
            if name == "newsItem":
                source = el.find(f"{{{NS}}}contentMeta/{{{NS}}}altId[@type='exsrc:filename']")
                if source is not None:
                    step += f" ({source.text})"
            steps.append(step)
        parts.append("/".join(reversed(steps)))
    return ", ".join(parts)


def problems(path: Path, schema: Any) -> list[str]:
    """Every schema error in the file at ``path`` (empty when valid), one line each."""
    from lxml import etree

    try:
        for _, el in etree.iterparse(str(path), events=("end",), schema=schema, no_network=True,
                                     resolve_entities=False, huge_tree=True):
            if el.getparent() is not None and el.getparent().tag == f"{{{NS}}}itemSet":
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
        return []
    except etree.XMLSyntaxError:
        pass
    tree = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=True))
    if schema.validate(tree):  # pragma: no cover - streaming and whole-tree validation disagree
        return []
    return [f"{_where(tree, e)}: {_short(e.message)}" for e in schema.error_log]
