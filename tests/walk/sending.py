"""Sending the corpus through one form: back with errors, then stored."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from tests.walk.pages import ROLES, Field, Form
from tests.walk.walker import Walker
from tests.xss import STORABLE, VECTORS

ECHO_BATCH = 30  # vectors in each field of a submission that comes back with errors
SEPARATOR = "\n\n"
NEUTRAL = "Neutral words about renewing a residence permit in Vilnius. "


def batches(vectors: tuple[str, ...], size: int) -> Iterator[list[str]]:
    for start in range(0, len(vectors), size):
        yield list(vectors[start : start + size])


class Submitter:
    """Send the corpus through one form: back with errors, then stored."""

    def __init__(self, walker: Walker) -> None:
        self.walker = walker
        self.seen = walker.seen

    def echo(self, form: Form) -> None:
        """Every field carries vectors; each field's errors get a lazy message holding them.

        Hidden fields (a switch that chooses the action, action=close; where to go back to; a
        token) keep their value while the other fields carry the corpus, so that these reach
        the form behind them; then the hidden fields carry the corpus themselves.
        """
        hidden = {name for name, found in form.fields.items() if found.kind == "hidden"}
        self.walker.hostile = True
        try:
            for carrying in ("fields", "hidden") if hidden else ("fields",):
                rounds = list(batches(STORABLE, ECHO_BATCH))
                while rounds:
                    batch = rounds.pop(0)
                    data = self._echo_data(form, batch, hidden, carrying == "hidden")
                    _, url, _, reader = self.walker.request(
                        form.role, form.method, form.action, data
                    )
                    if form.method == "get" and reader is not None:
                        self.seen.echo_pages.setdefault(form.endpoint, (form.role, url))
                    if self._learn_fields(form, data):
                        rounds.insert(0, batch)  # again, with the fields it missed
        finally:
            self.walker.hostile = False

    def _echo_data(self, form: Form, batch: list[str], hidden: set[str], to_hidden: bool):
        value = SEPARATOR.join(batch)
        data = {}
        for name, found in form.fields.items():
            carries = (name in hidden) == to_hidden
            data[name] = value if carries else found.value
            if carries:
                self.seen.vectors_per_field[(form.found_as, name)].update(batch)
        if form.button:
            data[form.button[0]] = form.button[1]
        return data

    def _learn_fields(self, form: Form, data: dict[str, str]) -> bool:
        """Add the fields that the form classes read but the page did not render.

        Someone can post a field that no page shows; the form object is what reads it.
        """
        learned = False
        for names in self.walker.processed:
            for name in names - set(data):
                form.fields[name] = Field(name, "unrendered")  # sent vectors, never stored
                learned = True
        return learned

    def store(self, form: Form) -> None:
        """One text field at a time carries vectors; the others keep valid values."""
        if not any(found.typed for found in form.fields.values()):
            return  # passwords and choices only: nothing to keep, and never sent valid
        baseline = self.plain(form, self.baseline(form))
        start = 0
        for name, found in list(form.fields.items()):
            if found.typed:
                value, start = self.pack(found, start)
                baseline = self._store_one(form, baseline, name, value)

    def _store_one(self, form: Form, baseline: dict[str, str], name: str, value: str):
        errors: set[str] = set()
        for _ in range(3):  # mend the other fields' values if they are refused
            baseline = self.walker.fresh_hidden(form, baseline)
            _, url, redirected, reader = self.walker.request(
                form.role, form.method, form.action, {**baseline, name: value}
            )
            errors = reader.fields_in_error if reader else set()
            if name in errors or not errors:
                break  # kept, or this field refuses such text (its errors were read above)
            baseline = self.repair(form, baseline, errors)
        if not errors and redirected and not (reader and reader.refused):
            token = value.split(None, 1)[0]
            self.seen.stored_tokens[token] = f"{form.endpoint} {name} as {form.role}"
            self.seen.stored_vectors.update(v for v in VECTORS if v in value)
            self.walker.landings.append((form.role, url))
        if reader is not None:
            self.walker.collect(reader)
        return baseline

    def plain(self, form: Form, baseline: dict[str, str]) -> dict[str, str]:
        """Send plain values once, mending those refused, and follow where that leads.

        A reset link is mailed this way, for one.
        """
        for _ in range(3):
            baseline = self.walker.fresh_hidden(form, baseline)
            _, url, redirected, reader = self.walker.request(
                form.role, form.method, form.action, baseline
            )
            errors = reader.fields_in_error if reader else set()
            if not errors:
                if redirected:
                    self.walker.landings.append((form.role, url))
                break
            baseline = self.repair(form, baseline, errors)
        return baseline

    def pack(self, found: Field, start: int) -> tuple[str, int]:
        """A token and as many vectors as the field holds, from `start` on (round the corpus)."""
        token = f"xq{next(self.walker.counter)}q"
        limit = found.maxlength or 20_000
        joiner = SEPARATOR if found.kind == "textarea" else " "
        value, taken = token, 0
        while taken < len(STORABLE):
            vector = STORABLE[(start + taken) % len(STORABLE)]
            if len(value) + len(joiner) + len(vector) > limit:
                break
            value += joiner + vector
            taken += 1
        if len(value) < found.minlength:
            value += " " + NEUTRAL * (found.minlength // len(NEUTRAL) + 1)
        return value[:limit], start + max(taken, 1)

    def baseline(self, form: Form) -> dict[str, str]:
        """Values the form accepts: what the page filled in, else a plain value of the kind for
        a field that needs one (and a choice for every choice; boxes ticked: "post anyway")."""
        values = {}
        for name, found in form.fields.items():
            needed = found.required or found.kind in {"select", "radio", "checkbox"}
            values[name] = found.value or (self.plain_value(form.role, found) if needed else "")
        if form.button:
            values[form.button[0]] = form.button[1]
        return values

    def plain_value(self, role: str, found: Field, attempt: int = 0) -> str:
        """A value of the field's kind; `attempt` picks another one when the last was refused."""
        if found.kind in {"select", "radio", "checkbox"}:
            options = [option for option in found.options if option] or ["y"]
            return options[attempt % len(options)]
        later = date.today() + timedelta(days=30 + attempt)
        number = next(self.walker.counter)
        own_address = ROLES[role] or ROLES["member"]  # a known account: a reset link is mailed
        plain = {
            # strong enough for a new password, and nobody's password: a form that asks for
            # the current one (to delete the account) is never sent valid
            "password": "a long and quiet river",
            "date": later.isoformat(),
            "datetime-local": f"{later.isoformat()}T10:00",
            "email": f"new{number}@example.org" if attempt else own_address,
            "url": "https://example.org/about",
            "number": "1",
        }
        if found.kind in plain:
            return plain[found.kind]
        length = min(max(found.minlength + 20, 60), found.maxlength or 20_000)
        candidates = [(NEUTRAL * 5)[:length].strip(), f"neutral-{number}", str(number % 5 + 1)]
        return candidates[attempt % len(candidates)]

    def repair(self, form: Form, baseline: dict[str, str], wrong: set[str]) -> dict[str, str]:
        """Try the next plain value for the fields that came back in error."""
        repaired = dict(baseline)
        for name in wrong & set(form.fields):
            found = form.fields[name]
            found.attempts += 1
            repaired[name] = self.plain_value(form.role, found, found.attempts)
        return repaired
