"""The system libraries and tools the product needs, installed from Debian's packages where possible.

Two stages, both run by `make run` and `make test` (and so by `.ci/run`):

- `python3 finsam/syscheck.py install run|test`, with the system's Python and nothing else, before the virtual
  environment exists: finds the Debian packages that are missing (venv, Pango, the fonts, and for the tests
  poppler-utils and Chromium) and installs them with apt-get when it runs as root or may use sudo without a
  password; otherwise it prints the one `apt-get install` line to run and stops (Chromium and npm only warn:
  without them the browser tests are skipped, unless REQUIRE_BROWSER=1).
- `python -m finsam.syscheck run|test`, inside the virtual environment: WeasyPrint really loads, the fonts are
  there; says which package installs a missing one.
"""

import ctypes.util
import os
import shutil
import subprocess
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


# The accessibility checker the browser tests inject, installed from the npm registry by `make install`.
AXE = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build/npm/node_modules/axe-core/axe.min.js"
)


def _test_tool_problems() -> list[str]:
    problems = []
    if not os.path.exists(AXE):
        message = f"axe-core saknas ({AXE}): tillgänglighetstesterna hoppas över.\n  Installera npm (apt-get install -y npm) och kör make install"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            problems.append(message)
        else:
            print(f"OBS: {message}", file=sys.stderr)
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


def missing_packages(purpose: str) -> tuple[list[str], list[str]]:
    """(required, optional) Debian packages not installed yet; optional ones only cost skipped browser tests
    (with REQUIRE_BROWSER=1, as in CI, the browser's packages are required too)."""
    required, optional = [], []
    try:
        import ensurepip  # noqa: F401
    except ImportError:
        required.append("python3-venv")
    for library, package in (
        ("pango-1.0", "libpango-1.0-0"),
        ("pangoft2-1.0", "libpangoft2-1.0-0"),
        ("harfbuzz-subset", "libharfbuzz-subset0"),
    ):
        if ctypes.util.find_library(library) is None:
            required.append(package)
    for family, path, package in FONTS:
        if not _has_font(family, path):
            required.append(package)
    if purpose == "test":
        if not shutil.which("pdftotext"):
            required.append("poppler-utils")
        # The browser tests need Chromium, and npm to fetch axe-core (the accessibility checker) at setup.
        browser = required if os.environ.get("REQUIRE_BROWSER") == "1" else optional
        if not chromium_present():
            browser.append("chromium")
        if not shutil.which("npm"):
            browser.append("npm")
    return required, optional


def _apt_prefix() -> list[str] | None:
    """How apt-get may be run here: directly as root, through passwordless sudo, or not at all."""
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return ["sudo", "-n"]
    return None


def install(purpose: str) -> int:
    required, optional = missing_packages(purpose)
    packages = required + optional
    if not packages:
        return 0
    prefix = _apt_prefix()
    if prefix is None or not shutil.which("apt-get"):
        line = f"sudo apt-get install -y {' '.join(packages)}"
        stream = sys.stderr
        if required:
            print(f"FEL: Debian-paket saknas. Installera dem och försök igen:\n  {line}", file=stream)
            return 1
        print(
            f"OBS: Chromium eller npm saknas, så webbläsartesterna hoppas över. Installera:\n  {line}",
            file=stream,
        )
        return 0
    print(f"Installerar Debian-paket: {' '.join(packages)}", flush=True)
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *packages]):
        result = subprocess.run([*prefix, *command], env=environment, stdout=subprocess.DEVNULL)
        if result.returncode != 0:
            print(f"FEL: {' '.join(command)} misslyckades (kod {result.returncode}).", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["install"]:
        sys.exit(install(arguments[1] if len(arguments) > 1 else "run"))
    sys.exit(main(arguments[0] if arguments else "run"))
