#!/usr/bin/env bash
# kubewizard · k8s-node2 · prep/kubernetes-packages · check (exit 0 = already done, changes nothing)
# 安装 kubelet、kubeadm、kubectl（1.34）
# Install kubelet, kubeadm and kubectl (1.34)
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


kw_same_file /etc/apt/sources.list.d/kubernetes.sources 0644 <<'KW_EOF'
# Written by kubewizard: kubelet, kubeadm, kubectl of one minor line from https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/
Types: deb
URIs: https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/
Suites: /
Signed-By: /etc/apt/keyrings/kubernetes-apt-keyring.gpg
KW_EOF
prep_at_minor() {
  kw_installed "$1" || return 1
  # shellcheck disable=SC2016 # ${Version} is dpkg-query's field name, not a shell variable
  case "$(dpkg-query -W -f='${Version}' "$1")" in
    "$2".*) return 0 ;;
    *) return 1 ;;
  esac
}

prep_pause_image() {
  kubeadm config images list --kubernetes-version "$(kubeadm version -o short)" \
    --image-repository "$1" 2>/dev/null | grep '/pause:' || true
}

[ -s /etc/apt/keyrings/kubernetes-apt-keyring.gpg ]
[ ! -e /etc/apt/sources.list.d/kubernetes.list ]
prep_at_minor kubelet 1.34
prep_at_minor kubeadm 1.34
prep_at_minor kubectl 1.34
held=$(apt-mark showhold)
grep -qx kubelet <<< "$held"
grep -qx kubeadm <<< "$held"
grep -qx kubectl <<< "$held"
systemctl is-enabled --quiet kubelet
[ "$(prep_pause_image registry.aliyuncs.com/google_containers)" = registry.aliyuncs.com/google_containers/pause:3.10.1 ]
