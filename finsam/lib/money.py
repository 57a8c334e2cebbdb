"""Presentation of amounts. Amounts are whole kronor (int) everywhere; only presentation rounds.

Swedish style: a space groups thousands (`1 308 750 kr`). A no-break space is used so an amount never wraps,
and the minus sign is the typographic one (U+2212), which screen readers read as "minus".
"""

from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
MINUS = "\u2212"


def group_thousands(value: int) -> str:
    """`1308750` -> `1 308 750` (no-break spaces), `-426` -> `−426`."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"amounts are whole kronor (int), got {type(value).__name__}")
    digits = f"{abs(value):,}".replace(",", NBSP)
    return f"{MINUS}{digits}" if value < 0 else digits


def kronor_to_thousands(value: int) -> int:
    """Whole kronor to whole thousands, half away from zero (`1 500 kr` -> 2 tkr, `-1 500` -> -2)."""
    return int((Decimal(value) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_kr(value: int) -> str:
    """`1 308 750 kr`."""
    return f"{group_thousands(value)}{NBSP}kr"


def format_tkr(value: int) -> str:
    """An amount in kronor shown in thousands: `1 308 750` -> `1 309 tkr`."""
    return f"{group_thousands(kronor_to_thousands(value))}{NBSP}tkr"
