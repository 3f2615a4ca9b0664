#!/usr/bin/env bash
# Install the Debian packages danvan's tests need, only when missing:
# PostgreSQL 15 (+contrib for unaccent/pg_trgm), Chromium for Playwright, wrk for benchmarks,
# gettext for translations, LibreOffice for DOCX→PDF.
set -euo pipefail
need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15 postgresql-contrib)
[ -f /usr/share/postgresql/15/extension/pg_trgm.control ] || need+=(postgresql-contrib)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v wrk >/dev/null || need+=(wrk)
command -v msgfmt >/dev/null || need+=(gettext)
# LibreOffice turns DOCX decisions into PDF (optional in production, exercised by the tests).
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui fonts-liberation2)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "system-deps: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
