"""The access rules as a matrix: every URL × role × own/other association.

Each app's test_access.py lists its URLs with the capability they need, and runs `assert_matrix_cell` for
every role on both associations. Expected: own association -> 200 if the role has the capability, else 403;
another association -> 404 for every role; anonymous -> redirect to the login page.
"""

from finsam.access import CAPABILITIES
from finsam.models import Role

ROLES = [Role.KANSLI, Role.STYRELSE, Role.REVISOR]


def expected_status(role: str, need, own: bool) -> int:
    if not own:
        return 404
    return 200 if need in CAPABILITIES[role] else 403


def assert_matrix_cell(client, user, url: str, role: str, need, own: bool) -> None:
    client.force_login(user)
    response = client.get(url)
    expected = expected_status(role, need, own)
    assert response.status_code == expected, (
        f"{role} {'own' if own else 'other'} {url}: {response.status_code}"
    )


def assert_login_required(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/?next=")
