"""Clients for every role that read the site page by page, and check every page they get."""

from __future__ import annotations

import itertools
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from app import demo
from tests.walk.pages import LANGUAGE, ORIGIN, ROLES, TOKEN, Form, PageReader
from tests.xss import VECTORS, CheckingParser, InjectionCheck

PAGES_PER_ENDPOINT = 2  # pages of one endpoint read per role while looking for forms
HOSTILE = "Typed back:"  # how issue 12's careless error starts (tests/walk/__init__.py)


@dataclass
class Seen:
    """What the run sent, found and reached, for the checks at the end."""

    problems: list[str] = field(default_factory=list)
    pages: int = 0
    stored_tokens: dict[str, str] = field(default_factory=dict)  # token -> where it was stored
    stored_vectors: set[str] = field(default_factory=set)
    found_tokens: set[str] = field(default_factory=set)
    hostile_shown: int = 0
    vectors_per_field: dict[tuple, set[str]] = field(default_factory=lambda: defaultdict(set))
    # form class -> its fields that were sent vectors (read from the form objects themselves)
    fields_sent_vectors: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    lazy_with_text: list[str] = field(default_factory=list)
    # for the browser test: address -> (role, endpoint, stored values shown) of the pages that
    # show stored values, and a page of each GET form that shows the corpus it was sent
    value_pages: dict[str, tuple[str, str, frozenset[str]]] = field(default_factory=dict)
    echo_pages: dict[str, tuple[str, str]] = field(default_factory=dict)


class Walker:
    """Clients for every role, reading every page they get and checking it for injections."""

    def __init__(self, app, mails: list[str]) -> None:
        self.app = app
        self.mails = mails
        self.seen = Seen()
        self.adapter = app.url_map.bind("localhost")
        self.clients = {role: self._client(email) for role, email in ROLES.items()}
        self.check = InjectionCheck(VECTORS, ORIGIN)
        self.forms: dict[tuple, Form] = {}
        self._endpoints: dict[tuple[str, str], str | None] = {}
        self.links_by_endpoint: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.visited: dict[str, set[str]] = defaultdict(set)  # role -> urls
        self.per_endpoint: dict[tuple[str, str], int] = defaultdict(int)
        self.counter = itertools.count(1000)
        self.hostile = False
        self.processed: list = []  # the forms that read the data of the current request
        self.landings: list[tuple[str, str]] = []  # (role, page) reached by storing a value

    def _client(self, email: str | None):
        client = self.app.test_client()
        if email:
            response = client.post(
                f"/{LANGUAGE}/account/sign-in",
                data={"email": email, "password": demo.DEMO_PASSWORD},
            )
            assert response.status_code == 302, f"{email} could not sign in"
        return client

    # --- addresses --------------------------------------------------------------------

    def endpoint(self, url: str, method: str = "GET") -> str | None:
        key = (urlsplit(url).path, method.upper())
        if key not in self._endpoints:
            try:
                self._endpoints[key], _ = self.adapter.match(key[0], method=key[1])
            except (NotFound, MethodNotAllowed, RequestRedirect):
                self._endpoints[key] = None
        return self._endpoints[key]

    @staticmethod
    def local(url: str, base: str) -> str | None:
        """An address of the site (path and query), relative to the page it is on."""
        if url.startswith("#") or not url:
            return None
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "localhost"):
            return None
        path = parts.path or urlsplit(base).path
        if not path.startswith("/"):
            path = urlsplit(base).path.rsplit("/", 1)[0] + "/" + path
        return path + (f"?{parts.query}" if parts.query else "")

    @staticmethod
    def in_language(url: str) -> bool:
        """Whether to walk to an address: the pages of one language are enough."""
        return url.startswith((f"/{LANGUAGE}/", f"/feeds/{LANGUAGE}/"))

    # --- reading pages ----------------------------------------------------------------

    def request(self, role: str, method: str, url: str, data=None, follow: bool = True):
        """Send a request and follow its redirects; check every page on the way.

        Returns the last response, its address, whether it was reached by a redirect, and
        what the last page holds (None unless it is an HTML page).
        """
        if method == "get" and data:
            url = f"{url.split('?')[0]}?{urlencode(data, doseq=True)}"
            data = None
        self.processed = []
        response = self._send(role, method, url, data)
        redirected = False
        for _ in range(5):
            if response is None:
                return None, url, redirected, None
            reader = self.read(role, url, response)
            if reader is not None and (method == "get" or redirected):
                self._note_value_page(role, url, response, reader)
            location = response.headers.get("Location")
            if response.status_code not in (301, 302, 303) or not location or not follow:
                return response, url, redirected, reader
            target = self.local(location, url)
            if target is None:
                return response, url, redirected, reader
            url, redirected = target, True
            response = self._send(role, "get", url)
        return response, url, redirected, None

    def _note_value_page(self, role: str, url: str, response, reader: PageReader) -> None:
        """Keep each page that shows stored values and that a browser can open, with them."""
        if response.status_code == 200 and reader.values_shown and len(url) < 2000:
            self.seen.value_pages[url] = (role, self.endpoint(url) or "", reader.values_shown)

    def _send(self, role: str, method: str, url: str, data=None):
        try:
            return self.clients[role].open(url, method=method.upper(), data=data)
        except Exception as error:  # in tests the app raises instead of answering 500
            self.seen.problems.append(f"{method.upper()} {url} as {role} raised {error!r:.300}")
            return None

    def read(self, role: str, url: str, response) -> PageReader | None:
        if response.status_code >= 500:
            self.seen.problems.append(f"{response.status_code} on {url} as {role}")
            return None
        body = response.get_data(as_text=True)
        kind = response.mimetype
        if kind == "application/json":
            self._check_json(url, json.loads(body or "null"))
            return None
        if kind in ("application/atom+xml", "application/xml", "text/xml"):
            self._check_feed(url, body)
            return None
        if kind != "text/html":
            return None
        reader = PageReader(role, url)
        self._check_html(f"{url} as {role}", body, reader)
        return reader

    def _check_html(self, where: str, body: str, reader: CheckingParser | None = None) -> None:
        self.seen.pages += 1
        tokens = TOKEN.findall(body)
        self.seen.found_tokens.update(tokens)
        if isinstance(reader, PageReader):
            reader.values_shown = frozenset(tokens)
        if HOSTILE in body:
            self.seen.hostile_shown += 1
        self.seen.problems.extend(f"{where}: {p}" for p in self.check.page(body, reader))

    def _check_json(self, url: str, value) -> None:
        # Script endpoints return data; only their "html" members go into a page as markup.
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "html" or key.endswith("_html"):
                    self._check_html(f"{url} [{key}]", str(item))
                else:
                    self._check_json(url, item)
        elif isinstance(value, list):
            for item in value:
                self._check_json(url, item)

    def _check_feed(self, url: str, body: str) -> None:
        self.seen.found_tokens.update(TOKEN.findall(body))
        try:
            root = ElementTree.fromstring(body)  # noqa: S314 - the site's own feed
        except ElementTree.ParseError as error:
            self.seen.problems.append(f"{url}: the feed is not well-formed XML: {error}")
            return
        for element in root.iter():
            if element.get("type") in ("html", "xhtml") and element.text:
                self._check_html(f"{url} <{element.tag}>", element.text)

    # --- walking ----------------------------------------------------------------------

    def start_pages(self) -> list[str]:
        """Every page of the url_map that takes no value but the language."""
        pages = []
        for rule in self.app.url_map.iter_rules():
            if "GET" in rule.methods and rule.arguments <= {"lang_code"}:
                url = self.adapter.build(rule.endpoint, {"lang_code": LANGUAGE})
                if self.in_language(url):
                    pages.append(url)
        return sorted(set(pages))

    def walk(self, role: str, pages: list[str], budget: int = PAGES_PER_ENDPOINT) -> None:
        """Read pages breadth first, a few of each endpoint, and collect their forms.

        A link to a stored value (its token is in the address or in the link's text) is
        always followed, whatever the budget.
        """
        queue = [(url, False) for url in pages]
        while queue:
            url, to_token = queue.pop(0)
            endpoint = self.endpoint(url) if url else None
            if endpoint is None or url in self.visited[role]:
                continue
            to_token = to_token or bool(TOKEN.search(url))
            if self.per_endpoint[(role, endpoint)] >= budget and not to_token:
                continue
            queue.extend(self.read_page(role, url))

    def read_page(self, role: str, url: str) -> list[tuple[str, bool]]:
        """Read one page, collect its forms; its links in the language, and if they lead to a
        stored value."""
        self.visited[role].add(url)
        self.per_endpoint[(role, self.endpoint(url))] += 1
        response, *_, reader = self.request(role, "get", url, follow=False)
        links = []
        if response is not None and response.headers.get("Location"):
            links.append(self.local(response.headers["Location"], url) or "")
        if reader is not None:
            self.collect(reader)
            links += [self.local(link, reader.url) or "" for link in reader.links]
        found = []
        for link in links:
            if not self.in_language(link) or link in self.visited[role]:
                continue
            endpoint = self.endpoint(link)
            if endpoint is not None:
                self.links_by_endpoint[endpoint].append((role, link))
                found.append((link, bool(reader and link in reader.links_to_tokens)))
        return found

    def seek(self, endpoint: str) -> None:
        """Look for a POST route's form on the pages about the same thing.

        A route like /moderation/experts/revoke/<member_id> is a button on a page that takes
        the same values (/moderation/members/<member_id>), but only on some of them; read the
        pages of such endpoints that the walks passed by, until its form turns up.
        """
        rules = list(self.app.url_map.iter_rules(endpoint))
        wanted = {a for rule in rules for a in rule.arguments} - {"lang_code"}
        if wanted:
            pages = {
                rule.endpoint
                for rule in self.app.url_map.iter_rules()
                if "GET" in rule.methods and wanted <= rule.arguments
            }
            candidates = [link for page in pages for link in self.links_by_endpoint[page]]
        else:
            # its own address, which every role may see in another state (notifications)
            url = self.adapter.build(endpoint, {"lang_code": LANGUAGE})
            own = any("GET" in rule.methods for rule in rules)
            candidates = [(role, url) for role in ROLES] if own else []
        for role, url in candidates:
            if any(form.endpoint == endpoint for form in self.forms.values()):
                return
            if url not in self.visited[role]:
                self.read_page(role, url)

    def forms_of(self, reader: PageReader) -> list[Form]:
        """The page's forms that send to the site, with their address and endpoint."""
        placed = []
        for form in reader.forms:
            action = self.local(form.action, reader.url)
            if action is not None:
                form.action = action
                form.endpoint = self.endpoint(action, form.method) or ""
                placed.append(form)
        return placed

    def collect(self, reader: PageReader) -> None:
        for form in self.forms_of(reader):
            if form.endpoint and form.key not in self.forms:
                form.found_as = form.key
                self.forms[form.key] = form
        for url, around in reader.script_urls:
            target = self.local(url, reader.url)
            if target is None:
                continue
            for method in ("post", "get"):
                endpoint = self.endpoint(target, method)
                if endpoint is None:
                    continue
                fields = dict(around.fields) if around else {}
                script = Form(reader.role, reader.url, target, method, fields, None, endpoint)
                if fields and script.key not in self.forms:
                    script.found_as = script.key
                    self.forms[script.key] = script
                break

    def fresh_hidden(self, form: Form, values: dict[str, str]) -> dict[str, str]:
        """The values with the hidden ones the form's page renders now, as a browser would send
        them (a token may be good for one submission only)."""
        if not any(found.kind == "hidden" for found in form.fields.values()):
            return values
        response = self._send(form.role, "get", form.page)
        reader = self.read(form.role, form.page, response) if response is not None else None
        for found in self.forms_of(reader) if reader is not None else []:
            if found.key == form.found_as:
                hidden = {n: f.value for n, f in found.fields.items() if f.kind == "hidden"}
                return {**values, **hidden}
        return values

    def mail_links(self) -> list[str]:
        """Addresses mailed to people (password reset, confirmation): pages too."""
        links = re.findall(r"https?://\S+", "\n".join(self.mails))
        return [
            re.sub(r"^/[a-z]{2}/", f"/{LANGUAGE}/", url)
            for link in links
            if (url := self.local(link, "/"))
        ]
