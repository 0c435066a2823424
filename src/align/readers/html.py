"""Web pages (.html, .htm, .xhtml): the text of the page, without its navigation.

Parsed with lxml's HTML parser (forgiving, as browsers are).  The encoding is
the byte-order mark's, else the page's own ``<meta charset>``, else what
:func:`align.charsets.detect_encoding` finds for the declared language.

What is dropped: scripts, styles, forms and the page's frame — ``<nav>``,
``<aside>``, ARIA ``navigation``/``banner``/``contentinfo``/``search`` roles,
and ``<header>``/``<footer>`` outside the article (an article's own header
holds its title and stays).  When the page has a ``<main>`` (or one
``<article>``), only that is read.  A paragraph that is nothing but a link
("Next chapter", "Back to top") is dropped too.

Paragraphs are the block elements (``p``, headings, list items, table cells,
``blockquote``, ``div`` ...); ``<br>`` is a line break inside a paragraph;
``<pre>`` keeps its lines.

A page that is *mostly navigation* — more of its remaining text inside links
than outside — is refused with :class:`~align.errors.NavigationPageError`:
it is an index or a menu, not the text to align, and what came out would be
link labels.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..charsets import detect_encoding
from ..errors import EmptyInputError, EncodingError, NavigationPageError
from .base import Extracted, clean_paragraphs, plural

BLOCKS = frozenset("""p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table tr td th caption
    section article main figure figcaption address center hr body html tbody thead tfoot details summary
    fieldset legend""".split())
DROP = frozenset("script style noscript template nav aside form iframe svg button select menu head title "
                 "object embed canvas audio video map input textarea".split())
DROP_ROLES = frozenset(("navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)

#: A page whose link text exceeds this share of all its text is navigation, not a text.
MAX_LINK_SHARE = 0.5


def _local(tag: Any) -> str:
    return tag.split("}")[-1].lower() if isinstance(tag, str) else ""


def _decode(path: Path, data: bytes, lang: str, encoding: str | None) -> tuple[str, str, str]:
    """``(text, the encoding used, how it was chosen)``."""
    how = ""
    if encoding:
        how = f"{encoding} (given with --encoding)"
    elif data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        found = detect_encoding(data, lang)
        encoding, how = found.encoding, found.describe()
    else:
        m = _META_CHARSET.search(data[:4096])
        if m:
            encoding, how = m.group(1).decode("ascii"), "the page's <meta charset>"
        else:
            found = detect_encoding(data, lang)
            if not found.sure:
                raise EncodingError(f"{path}: the page declares no charset and its encoding is not clear "
                                    f"({found.describe()}); give it with --encoding")
            encoding, how = found.encoding, found.describe()
    try:
        return data.decode(encoding), encoding, how
    except LookupError:
        raise EncodingError(f"{path}: unknown encoding {encoding!r} ({how}); give the right one with "
                            "--encoding (e.g. --encoding utf-8)") from None
    except UnicodeDecodeError as exc:
        raise EncodingError(f"{path}: not valid {encoding} at byte {exc.start} ({how}); give the right one "
                            "with --encoding") from None


def _in_article(el: Any) -> bool:
    return any(_local(a.tag) in ("article", "main") for a in el.iterancestors())


def prune(root: Any) -> None:
    """Remove scripts, styles, forms and the page's frame from ``root`` (in place)."""
    doomed = []
    for el in root.iter():
        tag = _local(el.tag)
        if not tag:
            doomed.append(el)  # comments and processing instructions
            continue
        role = (el.get("role") or "").lower()
        if (tag in DROP or role in DROP_ROLES or el.get("hidden") is not None
                or (el.get("aria-hidden") or "").lower() == "true"
                or (tag in ("header", "footer") and not _in_article(el))):
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        if el.tail:  # the text after a removed element stays where it was
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)


def content_root(root: Any) -> Any:
    """The part of the page holding the text: ``<main>``, else a single ``<article>``, else ``<body>``."""
    for xpath in ("//*[local-name()='main']", "//*[@role='main']"):
        found = root.xpath(xpath)
        if len(found) == 1:
            return found[0]
    articles = root.xpath("//*[local-name()='article']")
    if len(articles) == 1:
        return articles[0]
    body = root.xpath("//*[local-name()='body']")
    return body[0] if body else root


class _Collector:
    """Walks a tree, cutting paragraphs at block elements and counting link text."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.buf: list[str] = []
        self.link_chars = 0  # characters inside <a> in the current paragraph
        self.total_link = 0
        self.total_text = 0
        self.link_only = 0

    def flush(self) -> None:
        text = "".join(self.buf)
        self.buf = []
        n = len("".join(text.split()))
        if n:
            if self.link_chars >= n:
                self.link_only += 1
                self.total_link += self.link_chars
                self.total_text += n
            else:
                self.paragraphs.append(text)
                self.total_link += self.link_chars
                self.total_text += n
        self.link_chars = 0

    def add(self, text: str | None, in_link: bool, pre: bool) -> None:
        if not text:
            return
        if not pre:
            text = re.sub(r"\s+", " ", text)
        self.buf.append(text)
        if in_link:
            self.link_chars += len("".join(text.split()))

    def walk(self, el: Any, in_link: bool = False, pre: bool = False) -> None:
        tag = _local(el.tag)
        block = tag in BLOCKS
        if block:
            self.flush()
        link = in_link or (tag == "a" and el.get("href") is not None)
        keep_lines = pre or tag == "pre"
        if tag == "br":
            self.buf.append("\n")
        self.add(el.text, link, keep_lines)
        for child in el:
            self.walk(child, link, keep_lines)
            self.add(child.tail, link, keep_lines)
        if block:
            self.flush()


def paragraphs_of(root: Any) -> _Collector:
    """The paragraphs under ``root`` (already pruned) and its link statistics."""
    c = _Collector()
    c.walk(root)
    c.flush()
    return c


def page_title(root: Any) -> str:
    for xpath in ("//*[local-name()='title']", "//*[local-name()='h1']"):
        found = root.xpath(xpath)
        if found:
            title = " ".join("".join(found[0].itertext()).split())
            if title:
                return title
    return ""


def parse(text: str) -> Any:
    """An lxml tree of an HTML or XHTML page given as text."""
    import lxml.html
    return lxml.html.document_fromstring(_XML_DECL.sub("", text, count=1) or "<html></html>")


def read(path: Path, data: bytes, *, lang: str, encoding: str | None = None) -> Extracted:
    """A web page's text; see the module docstring."""
    text, used, how = _decode(path, data, lang, encoding)
    if not text.strip():
        raise EmptyInputError(f"{path}: the file is empty")
    root = parse(text)
    title = page_title(root)
    prune(root)
    c = paragraphs_of(content_root(root))
    paragraphs = clean_paragraphs(c.paragraphs)
    if not paragraphs:
        if c.link_only:
            raise NavigationPageError(
                f"{path}: the page holds only links ({plural(c.link_only, 'link')} and no text between them): "
                "it is a menu or an index, not a text; open the page with the text itself and save that")
        raise EmptyInputError(f"{path}: the page holds no text (after dropping scripts, menus, header and "
                              "footer); if the text is loaded by a script, save it from the browser "
                              "(File > Save Page As, or copy it into a .txt file)")
    share = c.total_link / max(c.total_text, 1)
    if share > MAX_LINK_SHARE:
        raise NavigationPageError(
            f"{path}: the page is mostly navigation — {share:.0%} of its {c.total_text:,} characters are "
            "link text (menus, lists of links); save the page with the text itself (or the browser's reader "
            "view of it), or copy the text into a .txt file and add that")
    notes = []
    if c.link_only:
        notes.append(f"dropped {plural(c.link_only, 'paragraph')} that were only a link")
    used = "utf-8" if used.lower() in ("utf-8-sig", "utf8") else used
    return Extracted(paragraphs, "html", encoding=used, detection=how, title=title, notes=tuple(notes))
