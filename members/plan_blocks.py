"""The members app's blocks in the annual plan: the fee table and the board."""

from django.utils.translation import gettext_lazy as _

from finsam.plan.blocks import Block, register
from members.exports import board_table, fee_table


def _member_fees(plan, section):
    return [fee_table(plan.association, section.years())]


def _board(plan, section):
    """The board of the section's year (its settings), by default the plan year's."""
    return [board_table(plan.association, section.years()[0])]


def register_blocks() -> None:
    register(Block("member_fees", _("Medlemsavgifter"), _member_fees))
    register(Block("board", _("Styrelse"), _board))
