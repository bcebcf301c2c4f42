"""No lazy string carries a value a person typed.

Flask-Babel's lazy strings have `__html__`, so Jinja and MarkupSafe take them for safe markup
and print them unescaped. A lazy message that interpolates a user's value is therefore an XSS
hole (issue 12: the tag check printed the typed tag as live HTML). This scan reads the source of
every package and refuses a lazy string whose arguments are not constants of the module.
"""

from __future__ import annotations

import ast
import configparser
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

import pytest

ROOT = Path(__file__).resolve().parents[2]

# How many leading arguments of each lazy function are the message itself (string literals).
LAZY_FUNCTIONS = {"lazy_gettext": 1, "lazy_ngettext": 2, "lazy_pgettext": 2, "lazy_npgettext": 3}
BABEL_MODULES = {"flask_babel", "flask_babel.speaklater"}
# A parameter with one of these annotations cannot carry markup.
NUMBER_TYPES = {"int", "float", "bool"}


def packages() -> list[str]:
    """The application's packages, as setup.cfg lists them (a new package is scanned too)."""
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    names = config["options.packages.find"]["include"].split()
    return [name for name in names if "." not in name]


def source_files() -> list[Path]:
    return sorted(path for package in packages() for path in (ROOT / package).rglob("*.py"))


@dataclass(frozen=True)
class Finding:
    line: int
    problem: str


class LazyStringCheck(ast.NodeVisitor):
    """Find lazy strings built from anything but literals and the module's constants."""

    def __init__(self, tree: ast.Module) -> None:
        self.findings: list[Finding] = []
        self.lazy_names: dict[str, str] = {}  # local name -> flask_babel function
        self.babel_modules: set[str] = set()
        self.module_constants: set[str] = set()
        self.scopes: list[dict[str, str | None]] = []  # per function: local name -> annotation
        self._read_module(tree)
        self.visit(tree)

    # --- what the module defines -------------------------------------------------------

    def _read_module(self, tree: ast.Module) -> None:
        for node in ast.walk(tree):  # the lazy functions, imported anywhere (even in a function)
            if isinstance(node, ast.ImportFrom) and node.module in BABEL_MODULES:
                self.lazy_names.update(
                    (alias.asname or alias.name, alias.name)
                    for alias in node.names
                    if alias.name in LAZY_FUNCTIONS or alias.name == "LazyString"
                )
            elif isinstance(node, ast.Import):
                self.babel_modules.update(
                    alias.asname or alias.name
                    for alias in node.names
                    if alias.name in BABEL_MODULES
                )
        for node in tree.body:  # the module's constants
            if isinstance(node, ast.ImportFrom) and node.module not in BABEL_MODULES:
                # constants imported from other modules of the project, by the usual spelling
                self.module_constants.update(
                    name for alias in node.names if (name := alias.asname or alias.name).isupper()
                )
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                self.module_constants.update(
                    name.id
                    for target in targets
                    for name in ast.walk(target)
                    if isinstance(name, ast.Name)
                )
            elif isinstance(node, ast.ClassDef):
                # enums and other classes whose UPPER_CASE members are constants
                self.module_constants.add(node.name)

    def _lazy_function(self, call: ast.AST) -> str | None:
        if not isinstance(call, ast.Call):
            return None
        func = call.func
        if isinstance(func, ast.Name):
            return self.lazy_names.get(func.id)
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in self.babel_modules
            and (func.attr in LAZY_FUNCTIONS or func.attr == "LazyString")
        ):
            return func.attr
        return None

    # --- scopes: a function's parameters and local names are not constants --------------

    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        scope: dict[str, str | None] = {}
        arguments = node.args
        for argument in [
            *arguments.posonlyargs,
            *arguments.args,
            *arguments.kwonlyargs,
            *filter(None, [arguments.vararg, arguments.kwarg]),
        ]:
            annotation = argument.annotation
            scope[argument.arg] = annotation.id if isinstance(annotation, ast.Name) else None
        body = node.body if isinstance(node.body, list) else [node.body]
        for statement in body:
            for child in ast.walk(statement):
                if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
                    scope.setdefault(child.id, None)
        self.scopes.append(scope)
        self.generic_visit(node)
        self.scopes.pop()

    visit_FunctionDef = _visit_function
    visit_AsyncFunctionDef = _visit_function
    visit_Lambda = _visit_function

    def _local(self, name: str) -> tuple[bool, str | None]:
        for scope in reversed(self.scopes):
            if name in scope:
                return True, scope[name]
        return False, None

    def _is_constant(self, node: ast.AST) -> bool:
        """Whether a value is fixed in the source, so that it cannot come from a request."""
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.Name):
            is_local, annotation = self._local(node.id)
            if is_local:
                return annotation in NUMBER_TYPES
            return node.id in self.module_constants
        if isinstance(node, ast.Attribute):
            # Role.ADMIN, config.LANGUAGES: an UPPER_CASE member of a constant
            return node.attr.isupper() and self._is_constant(node.value)
        if isinstance(node, ast.Subscript):
            # LANGUAGE_LABELS[language]: one of a table of constants, whatever the key
            return self._is_constant(node.value)
        if isinstance(node, ast.BinOp):
            return self._is_constant(node.left) and self._is_constant(node.right)
        if isinstance(node, ast.UnaryOp):
            return self._is_constant(node.operand)
        if isinstance(node, ast.Tuple | ast.List):
            return all(self._is_constant(item) for item in node.elts)
        return self._lazy_function(node) is not None  # a lazy string checked on its own

    # --- the checks ----------------------------------------------------------------------

    def _report(self, node: ast.AST, problem: str) -> None:
        self.findings.append(Finding(node.lineno, problem))

    def visit_Call(self, node: ast.Call) -> None:
        function = self._lazy_function(node)
        if function == "LazyString":
            self._report(node, "LazyString() built by hand: use lazy_gettext with constants")
        elif function is not None:
            self._check_lazy_call(node, function)
        elif (
            isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and self._lazy_function(node.func.value)
        ):
            self._report(node, "a lazy string filled in with .format()")
        self.generic_visit(node)

    def _check_lazy_call(self, node: ast.Call, function: str) -> None:
        message_count = LAZY_FUNCTIONS[function]
        for argument in node.args[:message_count]:
            if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                self._report(node, f"{function}() with a message that is not a string literal")
        for argument in node.args[message_count:]:
            if isinstance(argument, ast.Starred) or not self._is_constant(argument):
                self._report(node, f"{function}() takes {ast.unparse(argument)}, not a constant")
        for keyword in node.keywords:
            if keyword.arg is None:
                self._report(node, f"{function}() takes **{ast.unparse(keyword.value)}")
            elif not self._is_constant(keyword.value):
                self._report(
                    node,
                    f"{function}() takes {keyword.arg}={ast.unparse(keyword.value)}, "
                    "not a constant: use gettext() when the message is made",
                )

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if isinstance(node.op, ast.Mod) and self._lazy_function(node.left):
            self._report(node, "a lazy string filled in with %")
        self.generic_visit(node)


def lazy_string_findings(source: str) -> list[Finding]:
    return LazyStringCheck(ast.parse(source)).findings


def test_the_packages_are_found():
    assert {"app", "forum", "moderation", "news", "search"} <= set(packages())
    assert len(source_files()) > 50


def test_no_lazy_string_takes_a_value_from_outside_the_source():
    problems = [
        f"{path.relative_to(ROOT)}:{finding.line}: {finding.problem}"
        for path in source_files()
        for finding in lazy_string_findings(path.read_text(encoding="utf-8"))
    ]
    assert problems == [], (
        "A lazy string is printed as markup, unescaped. Build messages that carry a value "
        "with gettext() when they are made (validators and views run inside a request):\n"
        + "\n".join(problems)
    )


# The check itself: what it must refuse, starting with the bug of issue 12 as it was written.
ISSUE_12_VALID_TAGS = """
from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

MAX_TAGS, TAG_MAX = 5, 30

def valid_tags(form, field) -> None:
    tags = parse_tags(field.data)
    if len(tags) > MAX_TAGS:
        raise ValidationError(_l("Use at most %(count)d tags.", count=MAX_TAGS))
    for tag in tags:
        if len(tag) > TAG_MAX or len(tag) < 2 or not TAG_SHAPE.match(tag):
            raise ValidationError(
                _l(
                    "Tags are short words of 2 to %(max)d characters: letters, digits "
                    "and hyphens. Check “%(tag)s”.",
                    max=TAG_MAX,
                    tag=tag,
                )
            )
"""

REFUSED = {
    "a loop variable (issue 12)": ISSUE_12_VALID_TAGS,
    "the field's data": """
        from flask_babel import lazy_gettext as _l
        def check(form, field):
            raise ValueError(_l("“%(value)s” is taken.", value=field.data))
    """,
    "a parameter without a number type": """
        from flask_babel import lazy_gettext
        def message(name):
            return lazy_gettext("Hello %(name)s", name=name)
    """,
    "the signed-in user": """
        from flask_babel import lazy_gettext as _l
        from flask_login import current_user
        LABEL = _l("Hello %(name)s", name=current_user.display_name)
    """,
    "a lazy string and %": """
        from flask_babel import lazy_gettext as _l
        def message(tag):
            return _l("Check %s") % tag
    """,
    "a lazy string and .format()": """
        from flask_babel import lazy_gettext as _l
        def message(tag):
            return _l("Check {}").format(tag)
    """,
    "keyword arguments passed on": """
        import flask_babel
        def message(**values):
            return flask_babel.lazy_gettext("Check %(tag)s", **values)
    """,
    "a message that is not a literal": """
        from flask_babel import lazy_gettext as _l
        def message(tag):
            return _l(f"Check {tag}")
    """,
    "a plural count from a request": """
        from flask_babel import lazy_ngettext
        from flask import request
        def message():
            return lazy_ngettext("%(num)d tag", "%(num)d tags", request.args["n"])
    """,
    "a lazy function imported in a function": """
        def message(tag):
            from flask_babel import lazy_gettext as _l
            return _l("Check %(tag)s", tag=tag)
    """,
    "a LazyString made by hand": """
        from flask_babel import LazyString, gettext
        def message(tag):
            return LazyString(gettext, "Check %(tag)s", tag=tag)
    """,
}

ACCEPTED = {
    "module constants": """
        from flask_babel import lazy_gettext as _l
        from app.config import LANGUAGES
        MAX_TAGS = 5
        HINT = _l("Up to %(count)d tags", count=MAX_TAGS)
        OTHER = _l("At most %(max)d, in %(langs)s", max=MAX_TAGS + 1, langs=LANGUAGES)
    """,
    "numbers passed to a helper": """
        from flask_babel import lazy_gettext as _l
        def body_field(minimum: int, maximum: int):
            return _l("Write between %(min)d and %(max)d characters.", min=minimum, max=maximum)
    """,
    "a table of lazy labels": """
        from flask_babel import lazy_gettext as _l
        LABELS = {"lt": _l("in Lithuanian")}
        def name_field(language):
            return _l("Name %(language)s", language=LABELS[language])
    """,
    "an enum member": """
        from enum import Enum
        from flask_babel import lazy_gettext as _l
        class Kind(Enum):
            NEWS = "news"
        LABEL = _l("Kind: %(kind)s", kind=Kind.NEWS)
    """,
    "gettext, which returns plain text that Jinja escapes": """
        from flask_babel import gettext as _
        def check(form, field):
            raise ValueError(_("“%(value)s” is taken.", value=field.data))
    """,
}


@pytest.mark.parametrize("source", REFUSED.values(), ids=REFUSED.keys())
def test_the_check_refuses(source):
    assert lazy_string_findings(dedent(source))


def test_the_check_points_at_the_tag_of_issue_12():
    (finding,) = lazy_string_findings(ISSUE_12_VALID_TAGS)
    assert "tag=tag" in finding.problem
    assert finding.line == 14


@pytest.mark.parametrize("source", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_the_check_accepts(source):
    assert lazy_string_findings(dedent(source)) == []
