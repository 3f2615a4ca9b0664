"""The reporting app's background jobs (registered with ``danvan.jobs``; found by ``JobsConfig.ready``), one section
per part."""

# --- dossiers ---
from danvan.reporting import dossier_jobs  # noqa: F401  (the dossier import)
