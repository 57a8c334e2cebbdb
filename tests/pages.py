"""A page as its reader sees it, for comparing one page before and after something changed."""

import re
from html.parser import HTMLParser


class _LiveParts(HTMLParser):
    """The (start, end) offsets of every element marked `data-live` (shown from today's data by design)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.spans: list[tuple[int, int]] = []
        self._open: tuple[str, int, int] | None = None  # tag, depth, start offset

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self._open is not None:
            name, depth, start = self._open
            if tag == name:
                self._open = (name, depth + 1, start)
        elif "data-live" in dict(attrs):
            self._open = (tag, 1, self._offset())

    def handle_endtag(self, tag):
        if self._open is None or tag != self._open[0]:
            return
        name, depth, start = self._open
        if depth > 1:
            self._open = (name, depth - 1, start)
            return
        self.spans.append((start, self.html.index(">", self._offset()) + 1))
        self._open = None


def main_content(html: str) -> str:
    """The page's <main>, without its form tokens (new on every request) and without the elements the template
    marks `data-live`: those show today's data beside a document of record on purpose, each says why."""
    main = html[html.index("<main") : html.index("</main>")]
    parser = _LiveParts(main)
    parser.feed(main)
    parser.close()
    assert parser._open is None, "a data-live element is not closed"
    for start, end in reversed(parser.spans):
        main = main[:start] + main[end:]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', main)
