"""Checks the system libraries the product needs and says which Debian package installs a missing one.

Run by `make run` and `make test` before anything else (`python -m finsam.syscheck`).
"""

import os
import shutil
import sys

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def weasyprint_problem() -> str | None:
    try:
        import weasyprint  # noqa: F401
    except OSError as error:
        return (
            "WeasyPrint hittar inte Pango (behövs för PDF): "
            f"{error}.\n  Installera: apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
        )
    return None


# Typefaces the printed documents embed: (family, a file of it, Debian package). Carlito sets text and tables
# (templates/finsam/print.css); DejaVu Sans is the fallback for any character Carlito lacks.
FONTS = [
    ("Carlito", "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf", "fonts-crosextra-carlito"),
    ("DejaVu Sans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "fonts-dejavu-core"),
]


def _has_font(family: str, path: str) -> bool:
    if not shutil.which("fc-list"):
        return os.path.exists(path)
    import subprocess

    listed = subprocess.run(["fc-list", family], capture_output=True, text=True).stdout
    return bool(listed.strip())


def chromium_present() -> bool:
    return os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)


def main(purpose: str) -> int:
    """`purpose` is "run" (what serving needs) or "test" (also what the tests read documents back with)."""
    problems = []
    problem = weasyprint_problem()
    if problem:
        problems.append(problem)
    for family, path, package in FONTS:
        if not _has_font(family, path):
            problems.append(
                f"Typsnittet {family} saknas (planens PDF bäddar in det).\n  Installera: apt-get install -y {package}"
            )
    if purpose == "test":
        problems.extend(_test_tool_problems())
    for problem in problems:
        print(f"FEL: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _test_tool_problems() -> list[str]:
    problems = []
    if not shutil.which("pdftotext"):
        problems.append(
            "pdftotext saknas (testerna läser tillbaka PDF:er med den).\n  Installera: apt-get install -y poppler-utils"
        )
    if not chromium_present():
        message = f"Chromium saknas ({CHROMIUM}): webbläsartesterna hoppas över.\n  Installera: apt-get install -y chromium"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            problems.append(message)
        else:
            print(f"OBS: {message}", file=sys.stderr)
    return problems


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "run"))
