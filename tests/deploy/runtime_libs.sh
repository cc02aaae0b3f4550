#!/usr/bin/env bash
# The container's runtime stage installs a package for every shared library the binary needs.
# The image build (scripts/container-check.sh) finds a missing one too, but takes a quarter of
# an hour; this check takes a second, so it runs with every test run: each library the binary
# links directly (its DT_NEEDED entries) is resolved on this machine, mapped to its Debian
# package, and that package must be named in the Dockerfile's last stage or be part of the
# debian:12-slim base (checked by mounting that image: the packages below are installed in it).
# Usage: tests/deploy/runtime_libs.sh BINARY DOCKERFILE
set -euo pipefail
binary=${1:?binary}
dockerfile=${2:?Dockerfile}
in_slim_base=(libc6 libstdc++6 libgcc-s1 zlib1g libcrypt1)

# The runtime stage: everything after the last FROM.
runtime=$(awk '/^FROM /{ stage = "" } { stage = stage $0 "\n" } END { printf "%s", stage }' "$dockerfile")
missing=0
checked=0
while read -r soname path; do
  [[ -n $path && -e $path ]] || { echo "cannot resolve $soname on this machine"; missing=1; continue; }
  package=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null || dpkg -S "$path")
  package=${package%%:*}
  checked=$((checked + 1))
  if printf '%s\n' "${in_slim_base[@]}" | grep -qx "$package"; then continue; fi
  if grep -Eq "(^|[[:space:]])${package//+/\\+}([[:space:]]|$)" <<<"$runtime"; then continue; fi
  echo "the binary links $soname (Debian package $package), which the Dockerfile's runtime stage does not install"
  missing=1
done < <(ldd "$binary" | awk -v needed="$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')" '
  BEGIN { n = split(needed, list, " "); for (i = 1; i <= n; i++) want[list[i]] = 1 }
  $1 in want { print $1, $3 }')
(( checked > 0 )) || { echo "no libraries found for $binary"; exit 1; }
(( missing == 0 )) || exit 1
echo "$checked linked libraries, each from a package the runtime stage installs or the base image has"
