#!/usr/bin/env bash
# kubewizard · k8s-master2 · prep/registry-hosts · check (exit 0 = already done, changes nothing)
# 配置 Containerd 镜像加速与 Harbor 私有仓库
# containerd registry mirrors and the private Harbor registry
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


kw_same_file /etc/containerd/certs.d/docker.io/hosts.toml 0644 <<'KW_EOF'
# Written by kubewizard: pulls from docker.io try these mirrors in order, then docker.io itself.
server = "https://registry-1.docker.io"

[host."https://docker.m.daocloud.io"]
  capabilities = ["pull", "resolve"]
KW_EOF
kw_same_file /etc/containerd/certs.d/quay.io/hosts.toml 0644 <<'KW_EOF'
# Written by kubewizard: pulls from quay.io try these mirrors in order, then quay.io itself.
server = "https://quay.io"

[host."https://quay.m.daocloud.io"]
  capabilities = ["pull", "resolve"]
KW_EOF
kw_same_file /etc/containerd/certs.d/harbor.labworlds.cc/hosts.toml 0644 <<'KW_EOF'
# Written by kubewizard: the private Harbor registry (plain http).
server = "http://harbor.labworlds.cc"

[host."http://harbor.labworlds.cc"]
  capabilities = ["pull", "resolve", "push"]
KW_EOF
