"""Reading the pages the test client gets back: the text, and the state of a form's controls."""

from __future__ import annotations

from html.parser import HTMLParser


def page(response) -> str:
    """The page a response carries, as text."""
    return response.get_data(as_text=True)


class _FormState(HTMLParser):
    """The selected options and checked inputs of the controls named `name`."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.values: list[str] = []
        self._in_select = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "select":
            self._in_select = found.get("name") == self.name
        elif (tag == "option" and self._in_select and "selected" in found) or (
            tag == "input" and found.get("name") == self.name and "checked" in found
        ):
            self.values.append(found.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._in_select = False


def chosen(html: str, name: str) -> list[str]:
    """The values chosen in the form control `name`: its selected options or checked boxes."""
    state = _FormState(name)
    state.feed(html)
    return state.values
