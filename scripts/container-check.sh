#!/usr/bin/env bash
# Builds the Dockerfile for real and checks the image, on a machine with no Docker engine and no
# registry: Podman builds it (chroot isolation, vfs storage), from base images made here with
# debootstrap from the machine's Debian mirror. Containers cannot be started without cgroup
# delegation, so the image's file system is checked instead: mounted with `podman image mount`,
# its binary run under chroot as the image's user, with its own embedded PostgreSQL, until
# /health answers through the image's own curl (the HEALTHCHECK's command).
# Usage (as root): scripts/container-check.sh [--keep]   (--keep leaves image and base images)
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
keep=${1:-}

for tool in podman debootstrap; do
  command -v "$tool" >/dev/null || { echo "container-check: needs $tool (apt-get install podman debootstrap)"; exit 2; }
done
[[ $(id -u) -eq 0 ]] || { echo "container-check: run as root (debootstrap, chroot, mounts)"; exit 2; }

podman=(podman --storage-driver=vfs)
mirror=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)}
mirror=${mirror:-http://deb.debian.org/debian}
work=$(mktemp -d /tmp/proeventa-container.XXXXXX)
image=localhost/proeventa:check
root="" data="" server_pid=""

cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  if [[ -n "$root" ]]; then
    for m in "$root/var/lib/proeventa" "$root/tmp" "$root/proc" "$root/dev"; do
      mountpoint -q "$m" && umount -l "$m" || true
    done
    "${podman[@]}" image unmount "$image" >/dev/null 2>&1 || true
  fi
  [[ "$keep" == --keep ]] || "${podman[@]}" rmi -f "$image" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
step() { echo "== $(( $(date +%s) - started ))s: $*"; }

# 1. Base images, unless already made by an earlier run.
for tag in debian:12 debian:12-slim; do
  if ! "${podman[@]}" image exists "$tag"; then
    if [[ ! -d "$work/bookworm" ]]; then
      step "debootstrap bookworm from $mirror"
      debootstrap --variant=minbase bookworm "$work/bookworm" "$mirror" >"$work/debootstrap.log" 2>&1 \
        || { tail -20 "$work/debootstrap.log"; exit 1; }
      rm -rf "$work/bookworm"/var/cache/apt/archives/*.deb "$work/bookworm"/var/lib/apt/lists/*
    fi
    step "import $tag"
    tar -C "$work/bookworm" -c . | "${podman[@]}" import - "$tag" >/dev/null
  fi
done

# 2. The image, built from the Dockerfile as it is (docker format: OCI images drop HEALTHCHECK).
step "podman build"
"${podman[@]}" build --isolation=chroot --format docker --build-arg BUILD_JOBS="${BUILD_JOBS:-2}" \
  -t "$image" . >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; exit 1; }
step "built: $("${podman[@]}" image inspect --format '{{.Size}}' "$image") bytes"

# 3. What the image says about itself.
user=$("${podman[@]}" image inspect --format '{{.Config.User}}' "$image")
health=$("${podman[@]}" image inspect --format '{{.Config.Healthcheck}}' "$image")
[[ "$user" == proeventa ]] || { echo "image user is '$user', not proeventa"; exit 1; }
[[ "$health" == *"/health"* ]] || { echo "image has no HEALTHCHECK on /health: '$health'"; exit 1; }
step "user $user, healthcheck $health"

# 4. Its file system: the binary runs as the image's user, with the embedded PostgreSQL from
# the image, and /health answers. Writable places are bind-mounted; the image stays untouched.
root=$("${podman[@]}" image mount "$image")
data="$work/data" && mkdir -p "$data" "$work/tmp" && chmod 1777 "$work/tmp"
uid=$(chroot "$root" id -u proeventa)
chown "$uid:$uid" "$data"
mount --bind "$data" "$root/var/lib/proeventa"
mount --bind "$work/tmp" "$root/tmp"
mount --bind /proc "$root/proc"
mount --rbind /dev "$root/dev"
port=$(( 20000 + RANDOM % 20000 ))
step "chroot: proeventa serve on port $port"
chroot --userspec=proeventa:proeventa "$root" /usr/bin/env -i HOME=/var/lib/proeventa \
  PROEVENTA_HOST=127.0.0.1 PROEVENTA_PORT="$port" PROEVENTA_DATA_DIR=/var/lib/proeventa \
  /usr/local/bin/proeventa serve >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 240); do
  if chroot "$root" curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null; then
    step "/health answered 200 (through the image's curl)"
    kill "$server_pid"; wait "$server_pid" && status=0 || status=$?
    server_pid=""
    [[ $status -eq 0 ]] || { echo "proeventa exited $status after SIGTERM"; tail -20 "$work/server.log"; exit 1; }
    step "container check passed"
    exit 0
  fi
  kill -0 "$server_pid" 2>/dev/null || { echo "proeventa exited:"; tail -30 "$work/server.log"; exit 1; }
  sleep 0.5
done
echo "/health did not answer within 120 s:"; tail -30 "$work/server.log"
exit 1
