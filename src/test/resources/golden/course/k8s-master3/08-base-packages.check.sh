#!/usr/bin/env bash
# kubewizard · k8s-master3 · prep/base-packages · check (exit 0 = already done, changes nothing)
# 安装依赖插件
# Install the base packages
set -euo pipefail
export LC_ALL=C.UTF-8

kw_installed() {
  # kw_installed PACKAGE... : true when every package is installed.
  local pkg
  for pkg in "$@"; do
    # shellcheck disable=SC2016 # ${Status} is dpkg-query's field name, not a shell variable
    dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q 'install ok installed' || return 1
  done
}


kw_installed ca-certificates curl gnupg chrony conntrack iptables iproute2 ethtool
