"""Example data (the demo's made-up figures) said so wherever it is printed: pages, PDF and workbook alike.

Outcomes, requisitions and follow-up figures carry an `is_example` flag; every table built on them marks the
figures or rows with these texts and adds the one note that explains the mark.
"""

from django.utils.translation import gettext as _

from finsam.lib.tables import Column, format_cell


def example_note() -> str:
    return _("Utfall märkta exempeldata är påhittade siffror som visar hur sidorna fungerar, inte resultat.")


def marked_example(value) -> str:
    """A label or figure from example data: "SIKTA (exempeldata)", "43,5 % (exempeldata)".

    Marked, a figure is text: an example must not pass for a result in anyone's sums."""
    text = value if isinstance(value, str) else format_cell(value, Column("value", ""))
    return _("%(value)s (exempeldata)") % {"value": text}
