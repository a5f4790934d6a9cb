#!/usr/bin/env bash
# Installs every Debian and npm dependency the build, the server and the test suites need.
# Idempotent: it only calls apt-get when a package is missing, and npm ci only when the lockfile changed.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libpoco-dev libctemplate-dev libsqlite3-dev libpq-dev libsodium-dev
  libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev libvalijson-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev libstemmer-dev libyaml-cpp-dev
  libzip-dev libpugixml-dev libexpat1-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  clang libclang-rt-14-dev
  postgresql postgresql-contrib sqlite3
  chromium
  poppler-utils fonts-dejavu-core
  wrk nginx-light curl python3 time
)

missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# PDF downloads convert ODF with LibreOffice; any installed LibreOffice (GUI or not) will do.
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui libreoffice-impress-nogui)
# XLSX templates and dataset downloads are checked by opening them in LibreOffice Calc.
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
installed libreoffice-calc || installed libreoffice-calc-nogui || missing+=(libreoffice-calc-nogui)
# Node.js and npm may come from NodeSource rather than Debian; only install Debian's when none is there.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || true
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # Debian starts a system nginx and postgresql on install; we run our own throw-away instances.
  $SUDO systemctl disable --now nginx postgresql >/dev/null 2>&1 || true
fi

if [ -f package-lock.json ]; then
  stamp=node_modules/.opgv-lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    echo "Installing npm packages (npm ci)"
    SCARF_ANALYTICS=false PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
fi
