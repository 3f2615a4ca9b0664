"""Plans and tasks (``plans``), indicators and entered figures (``indicators``), administrative-procedure dossier
figures and their imports (``dossiers``), other apps' records by month (``cubes``), unit submissions, review and ranking (``submissions``)."""

from danvan.reporting.models.cubes import *  # noqa: F403
from danvan.reporting.models.dossiers import *  # noqa: F403
from danvan.reporting.models.indicators import *  # noqa: F403
from danvan.reporting.models.plans import *  # noqa: F403
from danvan.reporting.models.submissions import *  # noqa: F403
