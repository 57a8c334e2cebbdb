"""factory_boy factories with fixed defaults, one module per app; import them from `tests.factories`."""

from tests.factories.budget import *  # noqa: F403
from tests.factories.core import *  # noqa: F403
from tests.factories.followup import *  # noqa: F403
from tests.factories.members import *  # noqa: F403
from tests.factories.projects import *  # noqa: F403
