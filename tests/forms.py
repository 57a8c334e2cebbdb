"""Submitting a page's form as a browser would: every field with the value the page shows, some changed."""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            # kinds: each field's input type; attributes: its tag's attributes (step, max…); options: the values
            # a select, radio or checkbox offers
            self._form = {"attrs": attributes, "fields": [], "kinds": {}, "attributes": {}, "options": {}}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = attributes.get("name")
        if name and tag in ("input", "select", "textarea"):
            kind = attributes.get("type", "text") if tag == "input" else tag
            self._form["kinds"].setdefault(name, kind)
            self._form["attributes"].setdefault(name, attributes)
            if kind in ("checkbox", "radio"):
                self._form["options"].setdefault(name, []).append(attributes.get("value", "on"))
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    self._form["fields"].append((name, attributes.get("value", "on")))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self._form["fields"].append((name, attributes.get("value", "")))
        elif tag == "select" and name:
            self._select = {"name": name, "selected": [], "first": None}
        elif tag == "option" and self._select is not None:
            self._option = attributes
            value = attributes.get("value", "")
            self._form["options"].setdefault(self._select["name"], []).append(value)
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attributes:
                self._select["selected"].append(value)
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["selected"] or (
                [self._select["first"]] if self._select["first"] is not None else []
            )
            for value in chosen:
                self._form["fields"].append((self._select["name"], value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._form["fields"].append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None


def page_forms(html: str) -> list[dict]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def form_fields(html: str, *, contains: str = "") -> dict[str, list[str]]:
    """The fields of the first POST form on the page that has a field named `contains` (any POST form if empty)."""
    for form in page_forms(html):
        if form["attrs"].get("method", "get").lower() != "post":
            continue
        names = {name for name, _value in form["fields"]}
        if contains and contains not in names:
            continue
        data: dict[str, list[str]] = {}
        for name, value in form["fields"]:
            data.setdefault(name, []).append(value)
        return data
    raise AssertionError(f"no POST form with a field {contains!r} on the page")


def submit(client, url: str, changes: dict, *, contains: str = "", follow: bool = False):
    """GET `url`, fill its form as shown, apply `changes` (None removes a field) and POST it back."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    data = form_fields(response.content.decode(), contains=contains or next(iter(changes), ""))
    data.pop("csrfmiddlewaretoken", None)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value if isinstance(value, list) else [value]
    return client.post(url, data, follow=follow)
