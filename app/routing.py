"""Path values: the numbers in addresses stay within what the database can hold."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter, Map

# The largest id a PostgreSQL `integer` column holds; SQLite's limit is larger.
LARGEST_ID = 2**31 - 1


class RowIdConverter(IntegerConverter):
    """`<int:...>` for every route: 1 to LARGEST_ID, else the address matches nothing (404).

    Unbounded, /questions/2147483648 reached PostgreSQL as an out-of-range integer and
    /questions/99999999999999999999 overflowed SQLite's integer: both were 500s.
    """

    # ten digits at most: a number of thousands of digits is never converted at all
    regex = r"\d{1,10}"

    def __init__(self, map: Map, *args, **kwargs) -> None:
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(map, *args, **kwargs)


def bounded_number(value: str | None, default: int = 1, largest: int = LARGEST_ID) -> int:
    """A whole number from the query string (such as ?page=), at most `largest`; `default`
    when it is not one, or less than 1."""
    if not value or not (value.isascii() and value.isdigit()):
        return default
    if len(value) > 10:
        return largest
    number = int(value)
    return default if number < 1 else min(number, largest)


def init_routing(app: Flask) -> None:
    """Register the bounded converter before any blueprint adds its routes."""
    app.url_map.converters["int"] = RowIdConverter
