#!/usr/bin/env bash
# kubewizard · k8s-master1 · prep/swap
# 禁用 Swap 分区
# Turn swap off
set -euo pipefail
export LC_ALL=C.UTF-8

kw_render() {
  # kw_render OUT [NAME=VALUE...] < TEMPLATE : copies the template to OUT, filling in {{NAME}} placeholders.
  local out=$1 line pair
  shift
  if [ $# -eq 0 ]; then
    cat > "$out"
    return 0
  fi
  : > "$out"
  while IFS= read -r line || [ -n "$line" ]; do
    for pair in "$@"; do
      line=${line//"{{${pair%%=*}}}"/"${pair#*=}"}
    done
    printf '%s\n' "$line" >> "$out"
  done
}

kw_write_file() {
  # kw_write_file PATH MODE [NAME=VALUE...] < CONTENT : writes the file only when its content differs.
  # The first time kubewizard replaces a file, the original is kept under /var/backups/kubewizard.
  local path=$1 mode=$2 tmp
  shift 2
  tmp=$(mktemp)
  kw_render "$tmp" "$@"
  mkdir -p "$(dirname "$path")"
  if [ -f "$path" ] && cmp -s "$tmp" "$path"; then
    chmod "$mode" "$path"
    rm -f "$tmp"
    echo "unchanged: $path"
    return 0
  fi
  if [ -f "$path" ] && [ ! -e "/var/backups/kubewizard$path" ]; then
    mkdir -p "$(dirname "/var/backups/kubewizard$path")"
    cp -p "$path" "/var/backups/kubewizard$path"
    echo "original kept: /var/backups/kubewizard$path"
  fi
  install -m "$mode" "$tmp" "$path"
  rm -f "$tmp"
  echo "written: $path"
}


prep_fstab_without_swap() {
  awk '/^[ \t]*#/ || $3 != "swap" { print; next } { print "#" $0 }'
}

swapoff -a
fstab=$(mktemp)
trap 'rm -f "$fstab"' EXIT
prep_fstab_without_swap < /etc/fstab > "$fstab"
if cmp -s "$fstab" /etc/fstab; then
  echo "unchanged: /etc/fstab"
else
  kw_write_file /etc/fstab "$(stat -c %a /etc/fstab)" < "$fstab"
  # systemd turns fstab lines into swap units: let it forget the commented ones
  systemctl daemon-reload
fi
swapon --show
