#!/usr/bin/env bash
# Fetches Debian unstable's containerd 2.x package and unpacks it, WITHOUT installing it, into
# /opt/kubewizard-test/containerd2 (binary: usr/bin/containerd). The node-prep tests start a real daemon from it on
# the generated `version = 3` config.toml; Debian 12's own containerd (1.6) only loads `version = 2` files.
# Uses the Debian archive URI the machine's apt sources already use, a private sources list and private apt state,
# so the system's package lists and caches are left alone. Idempotent: does nothing when a 2.x binary is there.
# Run as root. Override the archive with KW_DEBIAN_ARCHIVE=URI.
set -euo pipefail

dest=${KW_CONTAINERD2_DIR:-/opt/kubewizard-test/containerd2}
binary=$dest/usr/bin/containerd

major_of() {
  # "containerd github.com/containerd/containerd/v2 2.1.9~ds1 ..." -> 2
  "$1" --version 2>/dev/null | awk '{print $3}' | sed 's/^v//' | cut -d. -f1
}

if [ -x "$binary" ] && [ "$(major_of "$binary")" = 2 ]; then
  echo "containerd 2.x already unpacked: $("$binary" --version)"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "containerd2.sh: run as root" >&2
  exit 1
fi

# The Debian archive this machine's apt already uses (deb822 URIs: line, or a one-line "deb URI SUITE" entry).
archive_uri() {
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | sed -n 's/^URIs:[[:space:]]*//p' | tr ' ' '\n' | grep -E '/debian/?$' | head -n 1 || true)
  if [ -z "$uri" ]; then
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]*\/debian\/\?\)[[:space:]].*/\2/p' \
      | head -n 1 || true)
  fi
  printf '%s\n' "${uri%/}"
}

archive=${KW_DEBIAN_ARCHIVE:-$(archive_uri)}
if [ -z "$archive" ]; then
  echo "containerd2.sh: no Debian archive found in /etc/apt sources; set KW_DEBIAN_ARCHIVE" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/deb"
printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s sid main\n' "$archive" > "$work/sid.list"

apt_sid() {
  apt-get -q \
    -o Dir::Etc::sourcelist="$work/sid.list" -o Dir::Etc::sourceparts=- \
    -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache" \
    -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root "$@"
}

echo "fetching containerd from $archive sid"
apt_sid update
(cd "$work/deb" && apt_sid download containerd)

deb=$(find "$work/deb" -maxdepth 1 -name 'containerd_2*.deb' | head -n 1)
if [ -z "$deb" ]; then
  echo "containerd2.sh: sid did not offer containerd 2.x; got: $(ls "$work/deb")" >&2
  exit 1
fi

# Unpack into a fresh folder first so that a failed run never leaves a half-filled destination.
rm -rf "$dest.new"
mkdir -p "$dest.new"
dpkg-deb -x "$deb" "$dest.new"
rm -rf "$dest"
mv "$dest.new" "$dest"
echo "unpacked $(basename "$deb") into $dest: $("$binary" --version)"
