#!/usr/bin/env bash
# kubewizard · k8s-node1 · prep/base-packages
# 安装依赖插件
# Install the base packages
set -euo pipefail
export LC_ALL=C.UTF-8

kw_apt() {
  # Never ask a question (needrestart on 24.04) and wait for the lock that unattended-upgrades holds on a fresh VM.
  DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a apt-get -y -q \
    -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@"
}

kw_installed() {
  # kw_installed PACKAGE... : true when every package is installed.
  local pkg
  for pkg in "$@"; do
    # shellcheck disable=SC2016 # ${Status} is dpkg-query's field name, not a shell variable
    dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q 'install ok installed' || return 1
  done
}

kw_apt_install() {
  # kw_apt_install PACKAGE... : installs what is missing, leaves installed packages alone.
  if kw_installed "$@"; then
    echo "already installed: $*"
  else
    kw_apt install "$@"
  fi
}


kw_apt_install ca-certificates curl gnupg chrony conntrack iptables iproute2 ethtool
