# shellcheck shell=bash
# Sourced by scripts/test: the Debian packages the tests drive (Chromium for the end-to-end tests, mkdocs with
# mkdocs-material and pymdown-extensions for the runbook, docker-registry, skopeo and umoci for the migration,
# prometheus for promtool),
# installed when missing. Needs root or sudo, as on the
# CI machines.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v mkdocs >/dev/null 2>&1 || missing+=(mkdocs)
# Debian's mkdocs runs on /usr/bin/python3; the python3 first on PATH may be another one (pyenv). Debian installs
# the material theme under /usr/share/mkdocs/themes, not as an importable `material` module, so ask mkdocs.
/usr/bin/python3 -c 'from mkdocs.utils import get_theme_names; assert "material" in get_theme_names()' \
  >/dev/null 2>&1 || missing+=(mkdocs-material)
/usr/bin/python3 -c 'import pymdownx' >/dev/null 2>&1 || missing+=(python3-pymdownx)
# The migration tests run a real old registry (the CNCF distribution registry) filled with images built by umoci
# and pushed by skopeo; openssl signs the tokens of the token-auth test.
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v skopeo >/dev/null 2>&1 || missing+=(skopeo)
command -v umoci >/dev/null 2>&1 || missing+=(umoci)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# promtool checks and unit-tests the rendered alert rules (harbor-platform-manifests' promtool.test.ts).
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "system packages: installing ${missing[*]} with apt-get" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
