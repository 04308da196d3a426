"""The forms in a page's HTML, read as a browser would submit them (tests/test_bad_input.py)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Inputs that send their value only when clicked or chosen, never as a filled-in field.
BUTTON_TYPES = {"submit", "button", "image", "reset"}


@dataclass
class HtmlForm:
    method: str
    action: str
    # What the browser would send as the page filled it: name -> values, in order.
    filled: dict[str, list[str]] = field(default_factory=dict)
    # Every name the form can send, including unticked boxes, files and named buttons.
    names: list[str] = field(default_factory=list)

    def add(self, name: str, value: str | None) -> None:
        if name not in self.names:
            self.names.append(name)
        if value is not None:
            self.filled.setdefault(name, []).append(value)


class _FormReader(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._textarea: tuple[str, list[str]] | None = None
        self._select: tuple[str, list[str], list[str]] | None = None  # name, options, chosen

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "form":
            method = attrs.get("method", "get").lower()
            self._form = HtmlForm(method, attrs.get("action") or self.page_url)
            self.forms.append(self._form)
        elif tag == "option" and self._select:
            self._select[1].append(attrs.get("value", ""))
            if "selected" in attrs:
                self._select[2].append(attrs.get("value", ""))
        elif self._form is None or not attrs.get("name"):
            return
        elif tag == "input":
            self._input(attrs)
        elif tag == "button":
            self._form.add(attrs["name"], None)
        elif tag == "textarea":
            self._textarea = (attrs["name"], [])
        elif tag == "select":
            self._select = (attrs["name"], [], [])

    def _input(self, attrs):
        kind = attrs.get("type", "text").lower()
        name, value = attrs["name"], attrs.get("value", "")
        if kind in BUTTON_TYPES or kind == "file":
            self._form.add(name, None)
        elif kind in ("checkbox", "radio"):
            self._form.add(name, value if "checked" in attrs else None)
        else:
            self._form.add(name, value)

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea and self._form:
            name, text = self._textarea
            self._form.add(name, "".join(text).removeprefix("\n"))
            self._textarea = None
        elif tag == "select" and self._select and self._form:
            name, options, chosen = self._select
            self._form.add(name, None)
            for value in chosen or options[:1]:
                self._form.add(name, value)
            self._select = None


def forms_in(html: str, page_url: str) -> list[HtmlForm]:
    reader = _FormReader(page_url)
    reader.feed(html)
    reader.close()
    return reader.forms
