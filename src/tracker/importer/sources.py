"""From a file as it reaches an analyst (plain text, a PDF, a web page, a Word file, or standard
input) to the plain text that `tracker.importer.text` reads.

The kind of a file is found from its first bytes, not from its name: a PDF saved as `.txt` or a
web page saved without an extension is read for what it is. The libraries for PDF (pypdf), HTML
(selectolax), Word (python-docx) and mojibake (ftfy) are imported here, inside the functions that
need them, so that only `tracker import` pays for them.

What comes out is text with a line per line of the source and blank lines between blocks, with
the page furniture of a PDF (page numbers, running headers and footers) already taken out, so
that the paragraph pass sees one flowing text.
"""

from __future__ import annotations

import codecs
import io
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import InvalidData, UsageError

# What `tracker import` reads at most: a file larger than this is refused before it is read
# whole (the largest real declarations, with their annexes, are a few MB as PDF), and so is text
# longer than MAX_TEXT_CHARS once extracted (about 2,000 pages).
MAX_INPUT_BYTES = 50 * 1024 * 1024
MAX_TEXT_CHARS = 5_000_000

TEXT, PDF, HTML, DOCX = "text", "pdf", "html", "docx"
OCR_HINT = "run OCR on it first, e.g. `ocrmypdf in.pdf out.pdf`, then import out.pdf"


@dataclass(frozen=True, slots=True)
class Source:
    """A file read for import: its text, its kind, and the title the file itself gives (an HTML
    page's `<h1>` or `<title>`, a PDF's or Word file's metadata), if any."""

    text: str
    kind: str
    title: str | None = None


def read_source(path: Path | str, stdin: IO[bytes] | None = None) -> Source:
    """Read `path` (`-` for standard input) as text, whatever its kind."""
    name = Path(str(path))
    data = _read_bytes(name, stdin) if str(path) == "-" else _read_bytes(name)
    return source_from_bytes(data, name)


def read_text(path: Path) -> str:
    """The text of `path`, whatever its kind (see `read_source`)."""
    return read_source(path).text


def _read_bytes(path: Path, stdin: IO[bytes] | None = None) -> bytes:
    """The file's bytes, refused past MAX_INPUT_BYTES without reading it all."""
    limit = MAX_INPUT_BYTES
    try:
        if str(path) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(limit + 1)
            shown = Path("<stdin>")
        else:
            if path.is_dir():
                raise InvalidData("is a folder: name a file to import", path)
            if path.exists() and not path.is_file():  # a pipe or a device would hang the read
                raise InvalidData("is not a regular file: save it as a file, or pipe it to -", path)
            with path.open("rb") as handle:
                data = handle.read(limit + 1)
            shown = path
    except FileNotFoundError:
        raise UsageError("no such file", path) from None
    except OSError as error:
        raise InvalidData(f"cannot be read: {error.strerror or error}", path) from None
    if len(data) > limit:
        raise InvalidData(
            f"is larger than the {limit // (1024 * 1024)} MB that import reads: split it, or "
            "import the part that holds the declaration",
            shown,
        )
    return data


def sniff(data: bytes, name: Path | None = None) -> str:
    """The kind of a file from its first bytes; the name's extension only breaks a tie."""
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return DOCX if b"word/" in data[:65536] or _suffix(name) == ".docx" else "zip"
    text = _decode_head(head).lstrip().lower()
    if text.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text:
        return HTML
    if re.search(r"<(?:html|body|head|main|article|div|p|ol|ul|h1|h2)[\s>]", text[:2048]):
        return HTML if _suffix(name) in (".html", ".htm", ".xhtml", "") or text[:1] == "<" else TEXT
    return TEXT


def _suffix(name: Path | None) -> str:
    return name.suffix.lower() if name is not None else ""


def _decode_head(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace")


def source_from_bytes(data: bytes, name: Path) -> Source:
    shown = Path("<stdin>") if str(name) == "-" else name
    if not data.strip():
        raise InvalidData("is empty: there is nothing to import", shown)
    kind = sniff(data, name)
    if kind == PDF:
        source = _pdf(data, shown)
    elif kind == HTML:
        source = _html(_decode(data, shown), shown)
    elif kind == DOCX:
        source = _docx(data, shown)
    elif kind == "zip":
        raise InvalidData("is a zip archive, not a declaration: unpack it first", shown)
    else:
        source = Source(_decode(data, shown), TEXT)
    if len(source.text) > MAX_TEXT_CHARS:
        raise InvalidData(
            f"holds {len(source.text):,} characters of text, more than the "
            f"{MAX_TEXT_CHARS:,} that import reads: import the part that holds the declaration",
            shown,
        )
    if not source.text.strip():
        raise InvalidData("holds no text to import", shown)
    return source


# --- plain text -------------------------------------------------------------------------------


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 with one, or Windows-1252 as a last
    resort; a binary file is refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in b"\t\n\r\f")
    if b"\x00" in sample or controls > max(8, len(sample) // 100):
        raise InvalidData("is not a text file, a PDF, a web page or a Word file", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# --- PDF --------------------------------------------------------------------------------------


def _pdf(data: bytes, path: Path) -> Source:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings on odd but readable files
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InvalidData("is an encrypted PDF: save an unlocked copy first", path)
        pages = [page.extract_text() or "" for page in reader.pages]
        title = _pdf_title(reader)
    except InvalidData:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise InvalidData(f"cannot be read as a PDF: {error}", path) from None
    except Exception as error:  # pypdf raises many kinds on damaged files
        raise InvalidData(f"cannot be read as a PDF: {type(error).__name__}", path) from None
    if not any(page.strip() for page in pages):
        raise InvalidData(f"is a PDF without a text layer (a scan?): {OCR_HINT}", path)
    return Source(join_pages(pages), PDF, title)


def _pdf_title(reader: Any) -> str | None:
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:  # metadata of a damaged file: no title rather than no import
        return None
    if not isinstance(title, str):
        return None
    title = " ".join(title.split())
    # Metadata titles are often a file name or a template's ("Microsoft Word - x.docx").
    if len(title) < 8 or re.search(r"\.(docx?|pdf|indd)$|^microsoft word|^untitled", title, re.I):
        return None
    return title


_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:page\s+|p\.\s*|side\s+|seite\s+|página\s+)?\d{1,4}"
    r"(?:\s*(?:/|of|de|sur|af|von)\s*\d{1,4})?(?:\s*[-–—])?\s*$",
    re.IGNORECASE,
)


def _shape(line: str) -> str:
    """A line with its digits blurred, so that `Page 3` and `Page 4` are one running line."""
    return re.sub(r"\d+", "#", " ".join(line.split())).lower()


def join_pages(pages: Sequence[str]) -> str:
    """The pages of a PDF as one text: page numbers, and running headers and footers (lines
    that open or close most pages alike), taken out; pages joined by a blank line."""
    split = [[line.rstrip() for line in page.splitlines()] for page in pages]
    edges: Counter[str] = Counter()
    for lines in split:
        kept = [line for line in lines if line.strip()]
        for line in {*map(_shape, kept[:3]), *map(_shape, kept[-3:])}:
            edges[line] += 1
    repeated = {
        shape
        for shape, count in edges.items()
        if len(split) >= 3 and count >= max(3, len(split) // 2) and len(shape) <= 120
    }
    out: list[str] = []
    for lines in split:
        kept = list(lines)
        content = [i for i, line in enumerate(kept) if line.strip()]
        edge = set(content[:3] + content[-3:])
        kept = [
            line
            for i, line in enumerate(kept)
            if not (
                i in edge and (_shape(line) in repeated or _PAGE_NUMBER.match(line) is not None)
            )
        ]
        out.append("\n".join(kept).strip("\n"))
    return "\n\n".join(out)


# --- HTML -------------------------------------------------------------------------------------

# Elements that are never a page's main content.
_CHROME_TAGS = (
    "script, style, noscript, template, svg, canvas, iframe, form, button, nav, header, "
    "footer, aside, menu, dialog, select, input, figure figcaption"
)
# Classes and ids of page chrome on press-room sites: cookie banners, menus, share bars.
_CHROME_WORDS = re.compile(
    r"cookie|consent|gdpr|banner|breadcrumb|share|social|menu|navbar|nav-|skip|sidebar|"
    r"related|newsletter|subscribe|footer|header|masthead|toolbar|print|language-|lang-switch|"
    r"modal|popup|search",
    re.IGNORECASE,
)
_MAIN_SELECTORS = (
    "main",
    "[role=main]",
    "article",
    "#main-content",
    "#content",
    "#main",
    ".main-content",
    ".content",
    ".field--name-body",
    ".page-content",
)
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "table",
        "tr",
        "dl",
        "dt",
        "dd",
        "center",
        "address",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "br",
        "hr",
    ]
)


def _html(markup: str, path: Path) -> Source:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(markup)
    title = _html_title(tree)
    body = tree.body
    if body is None:
        raise InvalidData("is a web page with no main content to import", path)
    for node in body.css(_CHROME_TAGS):
        node.decompose()
    for node in body.css("[class], [id], [role], [aria-hidden]"):
        attributes = node.attributes
        role = (attributes.get("role") or "").lower()
        words = f"{attributes.get('class') or ''} {attributes.get('id') or ''}"
        hidden = (attributes.get("aria-hidden") or "").lower() == "true"
        if node.tag in ("body", "main", "article"):
            continue
        if (
            role in ("navigation", "banner", "contentinfo", "search", "complementary", "dialog")
            or hidden
            or (_CHROME_WORDS.search(words) and len(words) < 200)
        ):
            node.decompose()
    main = _main(body)
    lines: list[str] = []
    _walk(main, lines)
    text = "\n".join(_squeeze(lines)).strip()
    if len(text.split()) < 20:
        raise InvalidData("is a web page with no main content to import", path)
    heading = main.css_first("h1") or body.css_first("h1")
    h1 = " ".join(heading.text(separator=" ").split()) if heading is not None else ""
    return Source(text, HTML, h1 or title)


def _html_title(tree: Any) -> str | None:
    node = tree.css_first("title")
    if node is None:
        return None
    title = " ".join(node.text().split())
    return re.split(r"\s+[|–—]\s+", title)[0] or None


def _main(body: Any) -> Any:
    """The node that holds the page's main text: the first of the usual landmarks that holds
    most of the text, else the body."""
    total = len(body.text(separator=" ").split()) or 1
    for selector in _MAIN_SELECTORS:
        for node in body.css(selector):
            if len(node.text(separator=" ").split()) >= 0.3 * total:
                return node
    return body


def _inline(node: Any) -> str:
    return " ".join(node.text(separator=" ", deep=True).split())


def _walk(node: Any, lines: list[str]) -> None:
    """Text of `node`, a line per block, blank lines between paragraphs; `<ol>` items numbered
    as the list numbers them (`start`, `value`, `reversed`), `<ul>` items as bullets, headings
    marked as Markdown headings."""
    child = node.child
    buffer: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(buffer).split())
        if text:
            lines.extend(["", text])
        buffer.clear()

    while child is not None:
        tag = child.tag
        if tag == "-text":
            buffer.append(child.text(deep=False))
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            flush()
            text = _inline(child)
            if text:
                lines.extend(["", "#" * int(tag[1]) + " " + text, ""])
        elif tag == "ol":
            flush()
            _list(child, lines, ordered=True)
        elif tag == "ul":
            flush()
            _list(child, lines, ordered=False)
        elif tag in ("br", "hr"):
            flush()
        elif tag == "tr":
            flush()
            cells = [_inline(cell) for cell in child.css("td, th")]
            row = "  ".join(cell for cell in cells if cell)
            if row:
                lines.extend(["", row])
        elif tag in _BLOCKS or (tag in ("section", "header", "li", "span") and _has_blocks(child)):
            flush()
            _walk(child, lines)
        else:
            buffer.append(_inline(child) if tag not in ("-comment",) else "")
        child = child.next
    flush()


def _has_blocks(node: Any) -> bool:
    return any(n.tag in _BLOCKS for n in node.iter(include_text=False))


def _list(node: Any, lines: list[str], *, ordered: bool) -> None:
    items = [item for item in node.iter(include_text=False) if item.tag == "li"]
    reverse = ordered and "reversed" in node.attributes
    start = _integer(node.attributes.get("start"))
    number = start if start is not None else (len(items) if reverse else 1)
    for item in items:
        value = _integer(item.attributes.get("value"))
        if value is not None:
            number = value
        inner: list[str] = []
        _walk(item, inner)
        parts = [line for line in inner if line]
        if parts:
            head = f"{number}." if ordered else "-"
            lines.extend(["", f"{head} {parts[0]}", *parts[1:]])
        number += -1 if reverse else 1
    lines.append("")


def _integer(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _squeeze(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    return out


# --- Word -------------------------------------------------------------------------------------


def _docx(data: bytes, path: Path) -> Source:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise InvalidData("is a Word file: save it as PDF or text first", path) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise InvalidData(f"cannot be read as a Word file: {error}", path) from None
    except Exception as error:  # damaged archives raise many kinds
        raise InvalidData(f"cannot be read as a Word file: {type(error).__name__}", path) from None
    lines: list[str] = []
    counters: dict[tuple[str, str], int] = {}
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
        properties = paragraph._p.pPr
        numbering: Any = properties.numPr if properties is not None else None
        if style.startswith(("heading", "title")):
            lines.extend(["", "# " + text, ""])
        elif numbering is not None or "list number" in style:
            ident = getattr(getattr(numbering, "numId", None), "val", style)
            level = getattr(getattr(numbering, "ilvl", None), "val", 0)
            key = (str(ident), str(level))
            counters[key] = counters.get(key, 0) + 1
            head = f"{counters[key]}." if "bullet" not in style else "-"
            lines.extend(["", f"{head} {text}"])
        else:
            lines.extend(["", text])
    title = document.core_properties.title or None
    return Source("\n".join(lines).strip(), DOCX, title)
