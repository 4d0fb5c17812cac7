#!/usr/bin/env bash
# kubewizard · k8s-node1 · prep/hostname · check (exit 0 = already done, changes nothing)
# 设置主机名 k8s-node1
# Set the hostname k8s-node1
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

kw_same_file() {
  # kw_same_file PATH MODE [NAME=VALUE...] < CONTENT : true when the file has exactly this content and mode.
  local path=$1 mode=$2 tmp rc=0
  shift 2
  [ -f "$path" ] || { cat > /dev/null; return 1; }
  tmp=$(mktemp)
  kw_render "$tmp" "$@"
  cmp -s "$tmp" "$path" || rc=1
  rm -f "$tmp"
  [ "$rc" -eq 0 ] && [ "$(stat -c %a "$path")" = "${mode#0}" ]
}


[ "$(hostname)" = k8s-node1 ]
[ "$(tr -d '[:space:]' < /etc/hostname)" = k8s-node1 ]
if [ -d /etc/cloud/cloud.cfg.d ]; then
kw_same_file /etc/cloud/cloud.cfg.d/99-kubewizard.cfg 0644 <<'KW_EOF'
# Written by kubewizard: keep the hostname and the /etc/hosts block that kubewizard set.
preserve_hostname: true
manage_etc_hosts: false
KW_EOF
fi
