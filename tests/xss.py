"""The XSS corpus, and a check that finds markup a page took from what someone typed.

The corpus is sorted by kind. Every vector that could run does something visible (an alert
dialog, a request to evil.example), so the browser test can tell when one gets through.
The check reads a page with html.parser and reports elements, attributes and URL schemes that
came from the input rather than from the application's own templates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from app.markup import ALLOWED_PROTOCOLS, ALLOWED_TAGS

CORPUS: dict[str, tuple[str, ...]] = {
    "script and event handlers": (
        "<svg/onload=alert(document.domain)>",  # issue 12, as reported
        "<script>alert(document.domain)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<script src=//evil.example/x.js></script>",
        "<img src=x onerror=alert(document.domain)>",
        "<IMG SRC=x OnErRoR=alert(1)>",
        "<img src=x onerror=alert`1`>",
        "<img/src/onerror=alert(1)>",
        "<body onload=alert(1)>",
        "<input autofocus onfocus=alert(1)>",
        "<select autofocus onfocus=alert(1)></select>",
        "<textarea autofocus onfocus=alert(1)></textarea>",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=alert(1)></video>",
        "<audio src=x onerror=alert(1)></audio>",
        "<marquee onstart=alert(1)>x</marquee>",
        "<div onmouseover=alert(1)>hover</div>",
        "<a href=# onclick=alert(1)>click</a>",
        "<b onpointerenter=alert(1)>x</b>",
        "<x contenteditable onfocus=alert(1) autofocus>x</x>",
        "<style onload=alert(1)></style>",
        "<object data=javascript:alert(1)></object>",
        "<embed src=javascript:alert(1)>",
        "<iframe src=javascript:alert(1)></iframe>",
        "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    ),
    "attribute breakouts": (
        '"><svg onload=alert(1)>',
        "'><svg onload=alert(1)>",
        '" autofocus onfocus="alert(1)',
        "' autofocus onfocus='alert(1)",
        '" onmouseover="alert(1)" x="',
        "` onmouseover=alert(1) x=`",
        '"><img src=x onerror=alert(1)><"',
        '" style="background:url(javascript:alert(1))',
        '"/><script>alert(1)</script>',
        "</textarea><script>alert(1)</script>",
        "</title><script>alert(1)</script>",
        "</option></select><img src=x onerror=alert(1)>",
        "</script><script>alert(1)</script>",
        "</style><img src=x onerror=alert(1)>",
        "--><img src=x onerror=alert(1)>",
        "]]><img src=x onerror=alert(1)>",
        '" formaction="javascript:alert(1)',
        '"><a href="https://evil.example/phish">Sign in again</a>',
        "x\" data-x='\"><img src=x onerror=alert(1)>'",
        "' onfocus=alert(1) autofocus tabindex=0 x='",
        '"><meta http-equiv="refresh" content="0;url=https://evil.example">',
        '"><base href="https://evil.example/">',
        '"><link rel=stylesheet href=https://evil.example/x.css>',
        '"><form action=https://evil.example/><button>Send</button></form>',
    ),
    "markdown links and images": (
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](javascript&#58;alert(1))",
        "[click](java&#115;cript:alert(1))",
        "[click](&#x6A;avascript:alert(1))",
        "[click](<javascript:alert(1)>)",
        "[click]( javascript:alert(1))",
        "[click](javascript://example.com/%0Aalert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](vbscript:msgbox(1))",
        "[click](file:///etc/passwd)",
        "[click][ref]\n\n[ref]: javascript:alert(1)",
        "[click][ref]\n\n[ref]: <javascript:alert(1)> 'title'",
        "<javascript:alert(1)>",
        '<https://example.org/" onmouseover="alert(1)>',
        '[click](https://example.org "title\\" onmouseover=\\"alert(1)")',
        '[click](https://example.org "a" onclick="alert(1)")',
        "[<img src=x onerror=alert(1)>](https://example.org)",
        "[click](https://example.org)<!--<img src=x onerror=alert(1)>-->",
        "![x](javascript:alert(1))",
        "![x](https://evil.example/beacon.png)",
        '![x"onerror="alert(1)](https://evil.example/x.png)',
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[![x](https://evil.example/a.png)](javascript:alert(1))",
        "https://example.org/<script>alert(1)</script>",
        'www.example.org/"><img src=x onerror=alert(1)>',
        "mailto:a@example.org?body=<script>alert(1)</script>",
        "`<script>alert(1)</script>`",
        "```\n<script>alert(1)</script>\n```",
        "```html\n</code></pre><img src=x onerror=alert(1)>\n```",
        "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |",
        "> <svg onload=alert(1)>\n> [x](javascript:alert(1))",
        "- [x](javascript:alert(1))\n- <iframe src=https://evil.example>",
        "# <img src=x onerror=alert(1)>",
        "**<img src=x onerror=alert(1)>**",
        "[a](https://example.org)[b](javascript:alert(1))",
    ),
    "svg": (
        "<svg><script>alert(1)</script></svg>",
        "<svg><script href=data:,alert(1) /></svg>",
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        "<svg><set onbegin=alert(1) attributeName=x to=1>",
        '<svg><a xlink:href="javascript:alert(1)"><text x=20 y=20>click</text></a></svg>',
        '<svg><a href="javascript:alert(1)"><text x=20 y=20>click</text></a></svg>',
        "<svg><a><animate attributeName=href values=javascript:alert(1) /><text y=20>x</text></a>",
        "<svg><set attributeName=href to=javascript:alert(1) /></svg>",
        "<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>",
        "<svg><image href=x onerror=alert(1) /></svg>",
        "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'>"
        "<image href='x' onerror='alert(1)'/></svg>#x\"/></svg>",
        "<svg><style>@import 'https://evil.example/x.css';</style></svg>",
        "<svg><desc><![CDATA[</desc><script>alert(1)</script>]]></svg>",
        "<svg><title><![CDATA[</title><img src=x onerror=alert(1)>]]></svg>",
        "<svg><handler xmlns:ev=http://www.w3.org/2001/xml-events ev:event=load>alert(1)</handler>",
        "<svg><feImage href=javascript:alert(1) /></svg>",
        "<svg><discard onbegin=alert(1)>",
        "<svg onresize=alert(1)>",
        "<svg><animateTransform onbegin=alert(1) attributeName=transform>",
        "<svg><iframe><img src=x onerror=alert(1)></iframe></svg>",
    ),
    "mathml": (
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        '<math href="javascript:alert(1)">click</math>',
        "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
        '<math><mi xlink:href="data:x,<script>alert(1)</script>">x</mi></math>',
        '<math><annotation-xml encoding="text/html"><svg onload=alert(1)></annotation-xml></math>',
        '<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style>'
        '<img src=x onerror=alert(1)>"></style></mtext></svg></mglyph></h1></mtext></math>',
        '<math><mtext><table><mglyph><svg><mtext><style><path id="</style>'
        '<img src=x onerror=alert(1)>">',
        "<math><style><img src=x onerror=alert(1)></style></math>",
        "<math><semantics><annotation-xml encoding=application/xhtml+xml>"
        "<img src=x onerror=alert(1)></annotation-xml></semantics></math>",
        "<math><mi><mglyph><svg><style><img src=x onerror=alert(1)></style></svg></mglyph></mi>",
        "<math><brute href=javascript:alert(1)>click</brute></math>",
        "<math><mtext><option><FAKEFAKE><option></option><mglyph><svg><mtext><style><a title="
        '"</style><img src=x onerror=alert(1)>">',
    ),
    "mutation containers": (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
        "<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=alert(1)>",
        '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
        "<template><style></template><img src=x onerror=alert(1)>",
        '<xmp><p title="</xmp><img src=x onerror=alert(1)>">',
        '<noembed><p title="</noembed><img src=x onerror=alert(1)>">',
        '<noframes><p title="</noframes><img src=x onerror=alert(1)>">',
        '<iframe><p title="</iframe><img src=x onerror=alert(1)>">',
        '<textarea><p title="</textarea><img src=x onerror=alert(1)>">',
        '<title><p title="</title><img src=x onerror=alert(1)>">',
        '<style><p title="</style><img src=x onerror=alert(1)>">',
        "<plaintext><img src=x onerror=alert(1)>",
        "<select><template><img src=x onerror=alert(1)></template></select>",
        "<table><tr><td><svg><desc><table></table><img src=x onerror=alert(1)></desc></svg>",
        "<!--><img src=x onerror=alert(1)>-->",
        "<!-- --!><img src=x onerror=alert(1)>-->",
        "<![CDATA[><img src=x onerror=alert(1)>]]>",
        "<?xml-stylesheet href=javascript:alert(1)?><img src=x onerror=alert(1)>",
        '<a href="</a><img src=x onerror=alert(1)>">x</a>',
        '<p id="</p><img src=x onerror=alert(1)>"></p>',
        "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>",
        '<div id="x"><noscript><img src=x onerror=alert(1)></noscript></div>',
    ),
    "entity and unicode encodings": (
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;img src=x onerror=alert(1)&#62;",
        "&#x3C;svg onload=alert(1)&#x3E;",
        "&#0000060;script&#0000062;alert(1)&#0000060;/script&#0000062;",
        "&lt;img src=x onerror=alert(1)&gt",
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
        '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1)">x</a>',
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<a href="java\tscript:alert(1)">x</a>',
        '<a href="java\nscript:alert(1)">x</a>',
        '<a href=" &#14; javascript:alert(1)">x</a>',
        '<a href="javascript&colon;alert(1)">x</a>',
        '<a href="javascript&NewLine;:alert(1)">x</a>',
        '<img src=x onerror="&#97;&#108;&#101;&#114;&#116;(1)">',
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "%253Cscript%253Ealert(1)%253C%252Fscript%253E",
        "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
        "\\x3cscript\\x3ealert(1)\\x3c/script\\x3e",
        "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
        "\u2039script\u203aalert(1)\u2039/script\u203a",
        "<scr\u0131pt>alert(1)</scr\u0131pt>",
        "<\u0455cript>alert(1)</\u0455cript>",
        "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<<script>script>alert(1)<</script>/script>",
        "<img src=x one\u200brror=alert(1)>",
        "\u202e<img src=x onerror=alert(1)>",
        "<img src=x onerror=alert(1)\u0000>",
        "<img\u000csrc=x\u000conerror=alert(1)>",
        "<img\tsrc=x\nonerror=alert(1)>",
        "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61lert(1)>",
        '<a href="\u0001javascript:alert(1)">x</a>',
        "＜svg onload=alert(1)＞",
        "<sv\u0000g onload=alert(1)>",
        "&#x26;lt;script&#x26;gt;alert(1)&#x26;lt;/script&#x26;gt;",
    ),
    "links, frames and resources": (
        '<a href="javascript:alert(1)">click</a>',
        '<a href="JAVASCRIPT:alert(1)">click</a>',
        '<a href="vbscript:msgbox(1)">click</a>',
        '<a href="data:text/html,<script>alert(1)</script>">click</a>',
        '<a href="https://evil.example/" target=_blank>prize</a>',
        '<a href="//evil.example/">prize</a>',
        "<img src=https://evil.example/beacon.png>",
        "<img srcset='https://evil.example/a.png 1x'>",
        "<img src=x:y onerror=alert(1)>",
        "<image src=x onerror=alert(1)>",
        "<picture><source srcset=https://evil.example/a.png><img></picture>",
        '<video poster="https://evil.example/p.png"></video>',
        '<form action="javascript:alert(1)"><button>go</button></form>',
        '<button form=x formaction="javascript:alert(1)">go</button>',
        '<isindex action="javascript:alert(1)" type=submit>',
        "<input type=image src=x onerror=alert(1)>",
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<base href="javascript:/a/-alert(1)///////">',
        '<link rel=import href="https://evil.example/x.html">',
        '<style>@import "https://evil.example/x.css";</style>',
        '<div style="background-image:url(https://evil.example/p.png)">x</div>',
        '<div style="width:expression(alert(1))">x</div>',
        "<frameset onload=alert(1)>",
        "<applet code=x onerror=alert(1)></applet>",
        "<portal src=https://evil.example/></portal>",
    ),
    "templates and scripts in data": (
        "{{ 7*7 }}{{ config }}",
        "{% raw %}{{ 7*7 }}{% endraw %}",
        "${alert(1)}",
        "#{alert(1)}",
        "';alert(1);//",
        '";alert(1);//',
        "\\';alert(1);//",
        "</script><svg onload=alert(1)>",
        '{"__html":"<img src=x onerror=alert(1)>"}',
        "<%= 7*7 %><img src=x onerror=alert(1)>",
    ),
}

VECTORS: tuple[str, ...] = tuple(vector for group in CORPUS.values() for vector in group)
# What a form can carry: the site refuses any request holding a NUL character as a whole (400,
# tests/app/test_out_of_range.py), so those vectors never reach a form or a page.
STORABLE: tuple[str, ...] = tuple(vector for vector in VECTORS if "\x00" not in vector)

# URL attributes, and the schemes a page may use in them. Anything else (javascript:, data:,
# vbscript:, file:) in a link or a resource is an injection.
URL_ATTRIBUTES = frozenset(
    {
        "href", "src", "action", "formaction", "data", "poster", "cite", "background",
        "xlink:href", "srcset", "manifest", "codebase", "ping", "lowsrc", "dynsrc", "longdesc",
    }
)  # fmt: skip
ALLOWED_SCHEMES = frozenset({*ALLOWED_PROTOCOLS, "tel"})
# Attributes MIPAS never writes (inline style is blocked by the CSP; the rest run or load).
FORBIDDEN_ATTRIBUTES = frozenset({"style", "srcdoc", "formaction", "xlink:href", "srcset"})
# Elements whose attributes load something into the page: they may only point at the site.
LOADING_ELEMENTS = frozenset({"script", "link", "img", "iframe", "form", "input", "button"})
# The tags WTForms widgets write, besides those in the templates.
WIDGET_TAGS = frozenset({"input", "select", "option", "optgroup", "textarea", "label", "ul", "li"})
ROOT = Path(__file__).resolve().parent.parent
_TAG_IN_TEMPLATE = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Comments, CDATA and processing instructions: html.parser reads "<!-->", "--!>" and
# "<![CDATA[" otherwise than a browser does, so they are looked for as typed.
_DECLARATION = re.compile(r"<[!?]")
# Long enough that no template writes the same characters, short enough to survive a length
# limit on the field.
CHUNK = 24
_TAG_IN_CODE = re.compile(r"[\"']<([a-z][a-z0-9]*)[\s>]")


def typed_markup(value: str) -> list[str]:
    """The pieces of a value that open a comment or a declaration, e.g. "<!--><img src=x".

    A page that holds one verbatim printed the value unescaped, even where html.parser would
    read what follows as a comment and a browser as an element.
    """
    return [
        value[match.start() : match.start() + CHUNK]
        for match in _DECLARATION.finditer(value)
        if len(value) - match.start() >= CHUNK or match.start() == 0
    ]


@cache
def known_tags() -> frozenset[str]:
    """Every tag the application can write: its templates, the strings of its code that start
    with a tag (the <ins> and <del> of a revision's diff), its widgets and the Markdown allowlist.

    Read from the source, so a tag added to a template is known without a list to keep; a tag
    that none of them writes can only have come from the input.
    """
    tags = set(WIDGET_TAGS) | set(ALLOWED_TAGS)
    packages = [path.parent for path in ROOT.glob("*/__init__.py") if path.parent.name != "tests"]
    for package in packages:
        for template in package.rglob("templates/**/*.html"):
            tags.update(t.lower() for t in _TAG_IN_TEMPLATE.findall(template.read_text("utf-8")))
        for module in package.rglob("*.py"):
            tags.update(_TAG_IN_CODE.findall(module.read_text("utf-8")))
    return frozenset(tags)


def url_scheme(value: str) -> str:
    """The scheme a browser reads in a URL attribute ("" for a relative address)."""
    # WHATWG URL parsing: leading and trailing C0 controls and spaces go, tabs and newlines
    # anywhere are removed, the scheme is case-insensitive.
    cleaned = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21)))))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else ""


def _is_same_site(value: str, origin: str) -> bool:
    cleaned = value.strip()
    if cleaned.startswith(("//", "\\")) or "\\" in cleaned[:2]:
        return False
    return url_scheme(cleaned) == "" or cleaned.startswith(origin + "/") or cleaned == origin


class CheckingParser(HTMLParser):
    """Reads a page for an InjectionCheck; a subclass can read more on the same pass."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.check: InjectionCheck | None = None
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        self.check.element(tag, attrs, self.get_starttag_text() or "")
        self.in_script = tag == "script"

    def handle_startendtag(self, tag, attrs):
        self.check.element(tag, attrs, self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.check.problems.append(f"inline script: {data.strip()[:80]!r}")


class InjectionCheck:
    """What a page took from the input: elements, attributes or URL schemes it should not have."""

    def __init__(self, submitted: Iterable[str] = (), origin: str = "http://localhost") -> None:
        values = [value.lower() for value in submitted if value]
        self.typed = "\0".join(values)
        self.pieces = sorted({piece for value in values for piece in typed_markup(value)})
        self.origin = origin
        self.problems: list[str] = []

    def page(self, html: str, reader: CheckingParser | None = None) -> list[str]:
        """The problems in one page (each call starts afresh), read by `reader` if given."""
        self.problems = []
        lowered = html.lower()
        self.problems.extend(
            f"markup printed as typed: {piece!r}" for piece in self.pieces if piece in lowered
        )
        reader = reader or CheckingParser()
        reader.check = self
        reader.feed(html)
        reader.close()
        return self.problems

    def element(self, tag: str, attrs: list[tuple[str, str | None]], raw: str) -> None:
        where = raw[:120]
        if tag not in known_tags():
            self.problems.append(f"element <{tag}> that no template writes: {where}")
        if attrs and raw.lower() in self.typed:
            self.problems.append(f"a start tag typed by the user: {where}")
        for name, value in attrs:
            self.attribute(tag, name, value or "", where)
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            self.problems.append(f"a refresh: {where}")
        if tag == "script" and not dict(attrs).get("src"):
            self.problems.append(f"a script without src: {where}")

    def attribute(self, tag: str, name: str, value: str, where: str) -> None:
        if name.startswith("on"):
            self.problems.append(f"event handler {name}: {where}")
        elif name in FORBIDDEN_ATTRIBUTES:
            self.problems.append(f"attribute {name}: {where}")
        elif not re.fullmatch(r"[a-z][a-z0-9_:.-]*", name):
            self.problems.append(f"attribute {name!r} that no template writes: {where}")
        if name in URL_ATTRIBUTES:
            scheme = url_scheme(value)
            if scheme and scheme not in ALLOWED_SCHEMES:
                self.problems.append(f"{scheme}: URL in {name}: {where}")
            if tag in LOADING_ELEMENTS and name != "href" and not _is_same_site(value, self.origin):
                self.problems.append(f"a resource from another site: {where}")
            if tag == "link" and name == "href" and not _is_same_site(value, self.origin):
                self.problems.append(f"a stylesheet or import from another site: {where}")


def injections(html: str, submitted: Iterable[str] = (), origin: str = "http://localhost"):
    """The problems in a page; `submitted` are the values sent, to recognise typed start tags."""
    return InjectionCheck(submitted, origin).page(html)
