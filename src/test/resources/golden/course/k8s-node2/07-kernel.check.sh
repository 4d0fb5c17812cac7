#!/usr/bin/env bash
# kubewizard · k8s-node2 · prep/kernel · check (exit 0 = already done, changes nothing)
# 修改内核参数：加载 overlay、br_netfilter 模块
# Kernel settings: load the overlay and br_netfilter modules
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


kw_same_file /etc/modules-load.d/k8s.conf 0644 <<'KW_EOF'
# Written by kubewizard: kernel modules Kubernetes needs, loaded at boot
overlay
br_netfilter
KW_EOF
kw_same_file /etc/sysctl.d/99-kubernetes.conf 0644 <<'KW_EOF'
# Written by kubewizard: network settings Kubernetes needs
net.bridge.bridge-nf-call-iptables   = 1
net.bridge.bridge-nf-call-ip6tables  = 1
net.ipv4.ip_forward                  = 1
KW_EOF
grep -qw overlay /proc/filesystems
[ "$(sysctl -n net.bridge.bridge-nf-call-iptables)" = 1 ]
[ "$(sysctl -n net.bridge.bridge-nf-call-ip6tables)" = 1 ]
[ "$(sysctl -n net.ipv4.ip_forward)" = 1 ]
