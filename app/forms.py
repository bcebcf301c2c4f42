"""Form fields that more than one package's forms use."""

from __future__ import annotations

from wtforms import SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget


class CheckboxesField(SelectMultipleField):
    """A choice of several, shown as one checkbox each."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
