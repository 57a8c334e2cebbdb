"""The core (`finsam/` without the plan app) knows no app: the apps register themselves in AppConfig.ready()."""

import ast
from pathlib import Path

import finsam

CORE = Path(finsam.__file__).parent
APPS = ("members", "projects", "budget", "followup", "finsam.plan")


def _imported_names(tree: ast.AST) -> list[tuple[int, str]]:
    """Every module an import statement names, at any depth (a lazy import inside a function counts), and
    every string handed to import_module()."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            if node.module == "finsam":
                found += [(node.lineno, f"finsam.{alias.name}") for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def _is_app(module: str) -> bool:
    return any(module == app or module.startswith(app + ".") for app in APPS)


def core_modules() -> list[Path]:
    return [path for path in CORE.rglob("*.py") if (CORE / "plan") not in path.parents]


def test_the_core_imports_no_app():
    offending = [
        f"{path.relative_to(CORE.parent)}:{line} imports {module}"
        for path in core_modules()
        for line, module in _imported_names(ast.parse(path.read_text(), filename=str(path)))
        if _is_app(module)
    ]
    assert offending == []


def test_the_check_sees_lazy_imports_and_import_module():
    tree = ast.parse(
        "def f():\n    from budget.models import Budget\n"
        "import_module('members.demo')\nfrom finsam import plan\nfrom finsam.lib import money\n"
    )
    assert sorted(module for _line, module in _imported_names(tree) if _is_app(module)) == [
        "budget.models",
        "finsam.plan",
        "members.demo",
    ]
    assert len(core_modules()) > 20 and not any("plan" in path.parts[-2] for path in core_modules())
