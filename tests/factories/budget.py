"""Factories for the budget app."""

__all__: list[str] = []
