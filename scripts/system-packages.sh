# shellcheck shell=bash
# Sourced by scripts/test: the Debian packages the tests drive (Chromium for the end-to-end tests, mkdocs for
# the runbook), installed when missing. Needs root or sudo, as on the CI machines.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v mkdocs >/dev/null 2>&1 || missing+=(mkdocs)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "system packages: installing ${missing[*]} with apt-get" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
