"""Article files to text: HTML stripped to its article's text, plain text read as UTF-8, binary
data refused. Offsets everywhere refer to `ArticleText.text`."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from bilateral.core.errors import InputError, Problem

__all__ = [
    "ArticleText",
    "decode_article",
    "html_to_text",
    "read_article",
]


@dataclass(frozen=True)
class ArticleText:
    """An article's text (offsets refer to it) and what an HTML page says about itself."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    publisher: str | None = None
    html: bool = False


_BLOCK = frozenset(
    {
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "article",
        "section",
        "tr",
        "header",
        "footer",
        "figcaption",
        "ul",
        "ol",
        "table",
        "main",
        "aside",
        "hr",
        "dd",
        "dt",
        "pre",
    }
)
_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "head",
        "nav",
        "form",
        "button",
        "iframe",
        "select",
        "footer",
        "aside",
    }
)


class _TextOfHtml(HTMLParser):
    """Text of the page's <article> (or <body>), one line per block; title and meta kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.article_parts: list[str] = []
        self.skip = 0
        self.in_title = False
        self.in_article = 0
        self.title = ""
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop")
            if key and values.get("content"):
                self.meta.setdefault(key.lower(), values["content"])
        elif tag == "link" and values.get("rel", "").lower() == "canonical" and values.get("href"):
            self.meta.setdefault("canonical", values["href"])
        if tag == "title":
            self.in_title = True
        if tag in _SKIP and tag != "head":
            self.skip += 1
        if tag == "article":
            self.in_article += 1
        if tag in _BLOCK:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP and tag != "head" and self.skip:
            self.skip -= 1
        if tag in _BLOCK:
            self._add("\n")
        if tag == "article" and self.in_article:
            self.in_article -= 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if self.skip:
            return
        self._add(re.sub(r"\s+", " ", data))

    def _add(self, piece: str) -> None:
        self.parts.append(piece)
        if self.in_article:
            self.article_parts.append(piece)


def _clean_lines(raw: str) -> str:
    lines = (line.strip() for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)


def _meta_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    match = re.match(r"\s*(\d{4}-\d{2}-\d{2})", text)
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def html_to_text(markup: str) -> ArticleText:
    """The text of an HTML page (its <article> if it has one), one paragraph per line."""
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    body = _clean_lines("".join(parser.article_parts)) or _clean_lines("".join(parser.parts))
    meta = parser.meta
    title = meta.get("og:title") or html.unescape(parser.title).strip() or None
    return ArticleText(
        text=body,
        title=title,
        published=_meta_date(meta.get("article:published_time") or meta.get("datepublished") or meta.get("date")),
        url=meta.get("og:url") or meta.get("canonical"),
        publisher=meta.get("og:site_name"),
        html=True,
    )


# C0 and C1 control characters other than tab, newlines, vertical tab and form feed
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.01  # an article has next to none; binary data read as text has many


def decode_article(data: bytes, name: str) -> str:
    """The text of an article file's bytes: UTF-8 (a byte order mark dropped), universal
    newlines. Binary data is refused (an InputError naming the file, the line and what is wrong):
    a NUL byte, bytes that are not UTF-8, or more than 1% control characters."""

    def refuse(line: int, value: str, what: str) -> InputError:
        return InputError([Problem(name, None, None, value, f"not a text file: {what} on line {line}")])

    nul = data.find(b"\x00")
    if nul >= 0:
        raise refuse(data.count(b"\n", 0, nul) + 1, "0x00", f"a NUL byte at byte {nul}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad = data[err.start : err.start + 1]
        raise refuse(
            data.count(b"\n", 0, err.start) + 1,
            f"0x{bad.hex().upper()}",
            f"not UTF-8 (byte 0x{bad.hex().upper()} at byte {err.start})",
        ) from None
    controls = _CONTROL.findall(text)
    if len(controls) > _MAX_CONTROL_SHARE * len(text):
        first = _CONTROL.search(text)
        assert first is not None
        raise refuse(
            text.count("\n", 0, first.start()) + 1,
            repr(first.group()),
            f"{len(controls) / len(text):.0%} control characters, the first",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_article(path: str | Path) -> ArticleText:
    """Read an article file: HTML (by suffix or content) is stripped to text with the stdlib
    parser; plain text is read as UTF-8 with universal newlines. Offsets refer to `.text`.
    Binary data is refused (see `decode_article`)."""
    path = Path(path)
    raw = decode_article(path.read_bytes(), str(path))
    looks_html = path.suffix.lower() in (".html", ".htm", ".xhtml") or bool(
        re.match(r"\s*(<!doctype html|<html|<article|<body|<p[\s>])", raw, re.I)
    )
    if looks_html:
        return html_to_text(raw)
    return ArticleText(text=raw)
