"""Factories for the followup app."""

__all__: list[str] = []
