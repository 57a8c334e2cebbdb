"""The demo parts of the apps, registered by each app in its `AppConfig.ready()` (the core knows no app).

`load_demo` loads the core's associations and users, then every registered part in order of `order`, so the
parts whose data others depend on come first (members before projects before budget, the plan last).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoPart:
    order: int
    name: str
    load: Callable  # (associations: dict[str, Association], stdout) -> None


_PARTS: dict[str, DemoPart] = {}


def register_demo(name: str, load: Callable, *, order: int) -> None:
    """Registering the same name again replaces it (ready() may run more than once in tests)."""
    _PARTS[name] = DemoPart(order, name, load)


def demo_parts() -> list[DemoPart]:
    return sorted(_PARTS.values(), key=lambda part: (part.order, part.name))
