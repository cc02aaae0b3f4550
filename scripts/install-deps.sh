#!/usr/bin/env bash
# Installs what ProEventa needs to build, run and test on Debian 12, skipping what is present.
# Usage: scripts/install-deps.sh [--test | --bench]   (--test adds the browser-test tools,
# --bench the load and profiling tools of bench/)
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libpq-dev libssl-dev libargon2-dev libcrypt-dev zlib1g-dev
  libqrencode-dev libcurl4-openssl-dev
  postgresql postgresql-contrib postgresql-client)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(catch2 chromium python3-jwt python3-bcrypt wrk systemd haproxy openssl curl)
  # Order mail goes to a real SMTP server (aiosmtpd); ticket QR codes are read back (zbar).
  packages+=(python3-aiosmtpd zbar-tools)
  # The fuzz targets' regression runs: clang with libFuzzer and the sanitizer runtimes.
  packages+=(clang-16 libclang-rt-16-dev)
  # Node.js may come from elsewhere than Debian (its package then ships npm, and Debian's npm
  # conflicts with it): only install Debian's when the commands are missing.
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
fi
if [[ "${1:-}" == "--bench" ]]; then
  # bench/: load (wrk), customers' tokens (python3-jwt), profiles (perf; valgrind where perf cannot sample).
  packages+=(wrk python3-jwt linux-perf valgrind)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [[ "${1:-}" == "--test" && -f tests/e2e/package.json ]]; then
  # Browser tests drive Debian's chromium; never let a package download its own browser.
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1
  if [[ ! -d tests/e2e/node_modules ]] || [[ tests/e2e/package-lock.json -nt tests/e2e/node_modules ]]; then
    npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error
  fi
fi
