#!/usr/bin/env bash
# kubewizard · k8s-node1 · prep/apt-mirror · check (exit 0 = already done, changes nothing)
# 修改源为国内镜像源并刷新 apt 缓存
# Use a nearby package mirror and refresh apt
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

kw_os_codename() {
  sed -n 's/^VERSION_CODENAME=//p' /etc/os-release | tr -d '"'
}


codename=$(kw_os_codename)
case "$codename" in
noble)
kw_same_file /etc/apt/sources.list.d/ubuntu.sources 0644 <<'KW_EOF'
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
kw_same_file /etc/apt/sources.list 0644 <<'KW_EOF'
# Ubuntu sources have moved to /etc/apt/sources.list.d/ubuntu.sources
KW_EOF
;;
jammy)
kw_same_file /etc/apt/sources.list 0644 <<'KW_EOF'
# Written by kubewizard: Ubuntu packages from https://mirrors.aliyun.com/ubuntu/
deb https://mirrors.aliyun.com/ubuntu/ jammy main restricted universe multiverse
deb https://mirrors.aliyun.com/ubuntu/ jammy-updates main restricted universe multiverse
deb https://mirrors.aliyun.com/ubuntu/ jammy-backports main restricted universe multiverse
deb https://mirrors.aliyun.com/ubuntu/ jammy-security main restricted universe multiverse
KW_EOF
;;
*)
exit 1
;;
esac
[ -s /var/lib/apt/lists/mirrors.aliyun.com_ubuntu_dists_"${codename}_InRelease" ] || [ -s /var/lib/apt/lists/mirrors.aliyun.com_ubuntu_dists_"${codename}_Release" ]
