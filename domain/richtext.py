"""Measure text: a small canonical plain-text format, and conversion to and from HTML.

Plans arrive as HTML fragments copied from web pages (often broken: lists
without `<li>`, bullet characters typed by hand, unclosed `<ul>`), as plain
spreadsheet cells, or as text typed in our own forms. Storing one canonical
form keeps diffs between plan versions meaningful and keeps user HTML out of
our pages. The canonical form is:

- blocks separated by one blank line; a paragraph block is a single line;
- a list block is consecutive lines, each starting with "- ";
- `*text*` for emphasis (from `<i>`, `<em>`, `<u>`) and `**text**` for strong
  (from `<b>`, `<strong>`), never nested;
- no other markup. A literal `*` that would pair up as emphasis cannot be
  expressed; such text is rare in plans and reads fine either way.

`html_to_text(text_to_html(t)) == t` holds for every canonical `t`.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

BULLETS = "○•◦▪●‣"
_BULLET_SPLIT = re.compile(rf"\s*[{BULLETS}]\s*")
_TAG_OR_ENTITY = re.compile(r"</?[A-Za-z][^<>]*>|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")

# Private-use sentinels stand for emphasis while whitespace is being normalised,
# so that "<i> word </i>" can become " *word* " rather than "* word *".
_EM_OPEN, _EM_CLOSE, _STRONG_OPEN, _STRONG_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
_OPENS = _EM_OPEN + _STRONG_OPEN
_CLOSES = _EM_CLOSE + _STRONG_CLOSE
_PAIR = {_EM_OPEN: _EM_CLOSE, _STRONG_OPEN: _STRONG_CLOSE}
_MARKDOWN = {_EM_OPEN: "*", _EM_CLOSE: "*", _STRONG_OPEN: "**", _STRONG_CLOSE: "**"}

_EMPHASIS_TAGS = {"i": _EM_OPEN, "em": _EM_OPEN, "u": _EM_OPEN, "cite": _EM_OPEN}
_STRONG_TAGS = {"b": _STRONG_OPEN, "strong": _STRONG_OPEN}
_INLINE_TAGS = _EMPHASIS_TAGS | _STRONG_TAGS
_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "dl", "dt", "dd",
}  # fmt: skip
_LIST_TAGS = {"ul", "ol"}
_SKIPPED_TAGS = {"script", "style", "head", "title"}

# Content may not contain "*": canonical emphasis is never nested.
_STRONG_MARKUP = re.compile(r"\*\*([^*\s](?:[^*]*[^*\s])?)\*\*")
_EM_MARKUP = re.compile(r"\*([^*\s](?:[^*]*[^*\s])?)\*")

Block = tuple[str, str]  # ("p" | "li", canonical inline text)


def html_to_text(fragment: str) -> str:
    """Turn an HTML fragment (or plain text) into canonical measure text.

    Plain text without tags or entities is read line by line: a line starting
    with "- " or a bullet character is a list item, every other line is its
    own paragraph (a hard line break typed in a spreadsheet cell separates
    thoughts, and canonical paragraphs are single lines).
    """
    if not _TAG_OR_ENTITY.search(fragment):
        fragment = text_to_html(fragment)
    collector = _Collector()
    collector.feed(fragment)
    collector.close()
    return _render_blocks(collector.blocks)


def text_to_html(text: str) -> str:
    """Render canonical text as safe HTML: everything is escaped, nothing is passed through."""
    parts: list[str] = []
    items: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("- "):
            items.append(stripped[2:].strip())
            continue
        if items:
            parts.append(_html_list(items))
            items = []
        if stripped:
            parts.append(f"<p>{_inline_html(stripped)}</p>")
    if items:
        parts.append(_html_list(items))
    return "\n".join(parts)


def split_heading(text: str) -> tuple[str, str]:
    """A goal's or an area's text as its heading and what follows the heading.

    The first paragraph is the heading, which can hold inline markup only (no
    list); later paragraphs and lists follow it as blocks. A text that starts
    with a list has no heading words of its own.
    """
    lines = text.strip().splitlines()
    if not lines or lines[0].strip().startswith("- "):
        return "", text.strip()
    return lines[0].strip(), "\n".join(lines[1:]).strip()


def inline_html(text: str) -> str:
    """One line of canonical text as safe inline HTML (emphasis and strong only)."""
    return _inline_html(" ".join(text.split()))


def _html_list(items: list[str]) -> str:
    lines = [f"<li>{_inline_html(item)}</li>" for item in items if item]
    return "<ul>\n" + "\n".join(lines) + "\n</ul>" if lines else ""


def _inline_html(text: str) -> str:
    """Escape first, then turn `**x**` and `*x*` into tags, so user input never becomes markup."""
    escaped = html.escape(text, quote=True)
    escaped = _STRONG_MARKUP.sub(r"<strong>\1</strong>", escaped)
    return _EM_MARKUP.sub(r"<em>\1</em>", escaped)


def _render_blocks(blocks: list[Block]) -> str:
    out: list[str] = []
    previous = ""
    for kind, text in blocks:
        if out:
            out.append("\n" if kind == "li" and previous == "li" else "\n\n")
        out.append(f"- {text}" if kind == "li" else text)
        previous = kind
    return "".join(out)


class _Collector(HTMLParser):
    """Walks the fragment and collects paragraphs and list items with emphasis sentinels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._buffer: list[str] = []
        self._list_depth = 0
        self._in_item = False
        self._inline: list[str] = []
        self._skipping = 0

    # -- tags ---------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _INLINE_TAGS:
            self._open_inline(_INLINE_TAGS[tag])
        elif tag in _LIST_TAGS:
            self._flush()
            self._list_depth += 1
            self._in_item = False
        elif tag == "li":
            self._flush()
            self._in_item = True
        elif tag == "br":
            self._line_break()
        elif tag in _BLOCK_TAGS:
            self._start_block(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._line_break()
        elif tag in _BLOCK_TAGS or tag in _LIST_TAGS or tag == "li":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _INLINE_TAGS:
            self._close_inline(_INLINE_TAGS[tag])
        elif tag in _LIST_TAGS:
            self._flush()
            self._list_depth = max(0, self._list_depth - 1)
            self._in_item = False
        elif tag == "li":
            self._flush()
            self._in_item = False
        elif tag in _BLOCK_TAGS:
            if self._in_item:
                self._buffer.append(" ")
            else:
                self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    # -- structure ----------------------------------------------------------------------

    def _start_block(self, tag: str) -> None:
        """A block inside a list item stays in the item; one loose inside a list ends the list.

        Web copies often leave `<ul>` unclosed and continue with `<p>`; the
        paragraph is then clearly no longer part of the list.
        """
        if self._in_item:
            self._buffer.append(" ")
            return
        self._flush()
        if tag == "p" and self._list_depth:
            self._list_depth = 0

    def _line_break(self) -> None:
        if self._list_depth:
            self._buffer.append(" ")
        else:
            self._flush()

    def _open_inline(self, sentinel: str) -> None:
        if not self._inline:
            self._buffer.append(sentinel)
        self._inline.append(sentinel)

    def _close_inline(self, sentinel: str) -> None:
        if sentinel not in self._inline:
            return
        outermost = self._inline[0]
        while self._inline and self._inline.pop() != sentinel:
            pass
        if not self._inline:
            self._buffer.append(_PAIR[outermost])

    def _flush(self) -> None:
        """End the current block; emphasis still open is closed here and reopened after."""
        open_mark = self._inline[0] if self._inline else ""
        if open_mark:
            self._buffer.append(_PAIR[open_mark])
        raw = "".join(self._buffer)
        self._buffer = [open_mark] if open_mark else []
        in_list = bool(self._list_depth) or self._in_item
        self.blocks.extend(_blocks_from(raw, in_list))


def _blocks_from(raw: str, in_list: bool) -> list[Block]:
    text = _tidy(raw)
    if not _strip_marks(text):
        return []
    bare = _strip_marks(text)
    if in_list or bare[0] in BULLETS:
        items = [_tidy(part) for part in _BULLET_SPLIT.split(text)]
        return [("li", _markdown(item)) for item in _balanced(items) if _strip_marks(item)]
    if bare.startswith("- "):
        return [("li", _markdown(_tidy(text.replace("-", "", 1))))]
    return [("p", _markdown(text))]


def _tidy(text: str) -> str:
    """Collapse whitespace and move it outside emphasis so markers hug their words."""
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"\s+", " ", text)
        text = re.sub(rf"([{_OPENS}]) ", r" \1", text)
        text = re.sub(rf" ([{_CLOSES}])", r"\1 ", text)
        for opener, closer in _PAIR.items():
            text = text.replace(opener + closer, "").replace(closer + opener, "")
    return text.strip()


def _balanced(items: list[str]) -> list[str]:
    """Bullet splitting can cut an emphasis in two; close or drop what is left dangling."""
    result = []
    for item in items:
        fixed: list[str] = []
        open_mark = ""
        for char in item:
            if char in _OPENS:
                if open_mark:
                    continue
                open_mark = char
            elif char in _CLOSES:
                if not open_mark or _PAIR[open_mark] != char:
                    continue
                open_mark = ""
            fixed.append(char)
        if open_mark:
            fixed.append(_PAIR[open_mark])
        result.append(_tidy("".join(fixed)))
    return result


def _strip_marks(text: str) -> str:
    return text.translate({ord(c): None for c in _OPENS + _CLOSES}).strip()


def _markdown(text: str) -> str:
    return "".join(_MARKDOWN.get(char, char) for char in text)
