#!/usr/bin/env bash
# kubewizard · k8s-node2 · prep/swap · check (exit 0 = already done, changes nothing)
# 禁用 Swap 分区
# Turn swap off
set -euo pipefail
export LC_ALL=C.UTF-8

prep_fstab_has_swap() {
  awk '!/^[ \t]*#/ && $3 == "swap" { found = 1 } END { exit !found }' "$1"
}

[ -z "$(swapon --show --noheadings)" ]
if prep_fstab_has_swap /etc/fstab; then exit 1; fi
