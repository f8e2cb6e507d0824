"""Submit a page's form the way a browser without JavaScript would: every named input,
textarea, checked box and selected option as shown, with the test's changes on top."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser


class _FormReader(HTMLParser):
    """The fields of the first form posting to `action`."""

    def __init__(self, action: str) -> None:
        super().__init__(convert_charrefs=True)
        self.action = action
        self.fields: list[tuple[str, str]] = []
        self.inside = False
        self.done = False
        self.textarea: str | None = None
        self.select: str | None = None
        self.first_option: str | None = None
        self.selected = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form" and not self.done:
            self.inside = found.get("action") == self.action
            return
        if not self.inside:
            return
        if tag == "input" and "name" in found:
            kind = found.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in found:
                return
            self.fields.append((found["name"], found.get("value", "")))
        elif tag == "textarea" and "name" in found:
            self.textarea, self.text = found["name"], []
        elif tag == "select":
            self.select, self.first_option, self.selected = found.get("name"), None, False
        elif tag == "option" and self.select:
            value = found.get("value", "")
            if self.first_option is None:
                self.first_option = value
            if "selected" in found:
                self.fields.append((self.select, value))
                self.selected = True

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea, "".join(self.text)))
            self.textarea = None
        elif tag == "select" and self.select:
            if not self.selected and self.first_option is not None:
                self.fields.append((self.select, self.first_option))
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_fields(html: str, action: str) -> list[tuple[str, str]]:
    """The (name, value) pairs a browser would send for the form, in page order."""
    reader = _FormReader(action)
    reader.feed(html)
    return reader.fields


def filled(html: str, changes: dict[str, str | list[str]], action: str) -> dict[str, list[str]]:
    """The form as shown with `changes` applied (a list sets every value of a name)."""
    data: dict[str, list[str]] = {}
    for name, value in form_fields(html, action):
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        data[name] = list(value) if isinstance(value, list) else [value]
    return data


def field_errors(html: str) -> dict[str, str]:
    """Each refusal a form says at its field (`<p class="error" id="FIELD-error">`), its
    text as read, by the field's id."""
    found = re.findall(r'<p class="error" id="([a-z_-]+)-error">(.*?)</p>', html, re.S)
    return {field: unescape(message) for field, message in found}
