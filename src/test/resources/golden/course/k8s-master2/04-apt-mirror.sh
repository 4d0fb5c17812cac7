#!/usr/bin/env bash
# kubewizard · k8s-master2 · prep/apt-mirror
# 修改源为国内镜像源并刷新 apt 缓存
# Use a nearby package mirror and refresh apt
set -euo pipefail
export LC_ALL=C.UTF-8

kw_apt() {
  # Never ask a question (needrestart on 24.04) and wait for the lock that unattended-upgrades holds on a fresh VM.
  DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a apt-get -y -q \
    -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@"
}

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

kw_os_codename() {
  sed -n 's/^VERSION_CODENAME=//p' /etc/os-release | tr -d '"'
}


prep_fail() {
  echo "kubewizard: $*" >&2
  exit 1
}

codename=$(kw_os_codename)
case "$codename" in
noble)
kw_write_file /etc/apt/sources.list.d/ubuntu.sources 0644 <<'KW_EOF'
# Written by kubewizard: Ubuntu packages from https://mirrors.aliyun.com/ubuntu/
Types: deb
URIs: https://mirrors.aliyun.com/ubuntu/
Suites: noble noble-updates noble-backports
Components: main restricted universe multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg

Types: deb
URIs: https://mirrors.aliyun.com/ubuntu/
Suites: noble-security
Components: main restricted universe multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
KW_EOF
kw_write_file /etc/apt/sources.list 0644 <<'KW_EOF'
# Ubuntu sources have moved to /etc/apt/sources.list.d/ubuntu.sources
KW_EOF
;;
jammy)
kw_write_file /etc/apt/sources.list 0644 <<'KW_EOF'
# Written by kubewizard: Ubuntu packages from https://mirrors.aliyun.com/ubuntu/
deb https://mirrors.aliyun.com/ubuntu/ jammy main restricted universe multiverse
deb https://mirrors.aliyun.com/ubuntu/ jammy-updates main restricted universe multiverse
deb https://mirrors.aliyun.com/ubuntu/ jammy-backports main restricted universe multiverse
deb https://mirrors.aliyun.com/ubuntu/ jammy-security main restricted universe multiverse
KW_EOF
;;
*)
prep_fail 'kubewizard 只支持 Ubuntu 22.04（jammy）和 24.04（noble） / kubewizard supports Ubuntu 22.04 (jammy) and 24.04 (noble) only'
;;
esac
kw_apt update
[ -s /var/lib/apt/lists/mirrors.aliyun.com_ubuntu_dists_"${codename}_InRelease" ] || [ -s /var/lib/apt/lists/mirrors.aliyun.com_ubuntu_dists_"${codename}_Release" ] || prep_fail 'apt update 没有从 https://mirrors.aliyun.com/ubuntu 取到软件包索引，请检查镜像地址和网络 / apt update got no package index from https://mirrors.aliyun.com/ubuntu; check the mirror address and the network'
