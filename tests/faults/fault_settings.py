"""The portal's own settings, with static files collected into the fault run's temporary
directory (STATIC_ROOT is not an environment setting, and the run must not touch ./staticfiles)."""

import os
from pathlib import Path

from wsisportal.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["FAULT_STATIC_ROOT"])
