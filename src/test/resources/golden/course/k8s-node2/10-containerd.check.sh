#!/usr/bin/env bash
# kubewizard · k8s-node2 · prep/containerd · check (exit 0 = already done, changes nothing)
# 安装容器服务 Containerd
# Install the container runtime containerd
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

kw_os_codename() {
  sed -n 's/^VERSION_CODENAME=//p' /etc/os-release | tr -d '"'
}


prep_containerd_major() {
  "$1" --version | awk '{ v = $3; sub(/^v/, "", v); split(v, p, "."); print p[1] }'
}

prep_cri_ok() {
  local plugins
  plugins=$("$2" --address "$1" plugins ls) || return 1
  printf '%s\n' "$plugins" | awk '
    $1 == "io.containerd.grpc.v1" && $2 == "cri" { grpc = $NF }
    $1 == "io.containerd.cri.v1" && $NF != "ok" { bad = 1 }
    END { exit !(grpc == "ok" && !bad) }'
}

codename=$(kw_os_codename)
[ ! -e /etc/apt/sources.list.d/docker.list ]
grep -qs 'BEGIN PGP PUBLIC KEY BLOCK' /etc/apt/keyrings/docker.asc
kw_same_file /etc/apt/sources.list.d/docker.sources 0644 CODENAME="$codename" <<'KW_EOF'
# Written by kubewizard: Docker CE packages (only containerd.io is installed) from https://mirrors.aliyun.com/docker-ce/linux/ubuntu
Types: deb
URIs: https://mirrors.aliyun.com/docker-ce/linux/ubuntu
Suites: {{CODENAME}}
Components: stable
Signed-By: /etc/apt/keyrings/docker.asc
KW_EOF
kw_installed containerd.io
major=$(prep_containerd_major containerd)
if [ "$major" -ge 2 ]; then
kw_same_file /etc/containerd/config.toml 0644 <<'KW_EOF'
# Written by kubewizard for containerd 2.x (config version 3). The whole file: kubewizard rewrites it.
version = 3

[plugins."io.containerd.cri.v1.images"]
  [plugins."io.containerd.cri.v1.images".pinned_images]
    sandbox = "registry.aliyuncs.com/google_containers/pause:3.10.1"
  [plugins."io.containerd.cri.v1.images".registry]
    # one hosts.toml per registry (mirrors, Harbor); never registry.mirrors beside it
    config_path = "/etc/containerd/certs.d"

[plugins."io.containerd.cri.v1.runtime".containerd]
  default_runtime_name = "runc"
  [plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc]
    runtime_type = "io.containerd.runc.v2"
    [plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc.options]
      # kubelet uses the systemd cgroup driver; runc must use the same
      SystemdCgroup = true
KW_EOF
else
kw_same_file /etc/containerd/config.toml 0644 <<'KW_EOF'
# Written by kubewizard for containerd 1.7 (config version 2). The whole file: kubewizard rewrites it.
version = 2

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.aliyuncs.com/google_containers/pause:3.10.1"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        # kubelet uses the systemd cgroup driver; runc must use the same
        SystemdCgroup = true
  [plugins."io.containerd.grpc.v1.cri".registry]
    # one hosts.toml per registry (mirrors, Harbor); never registry.mirrors beside it
    config_path = "/etc/containerd/certs.d"
KW_EOF
fi
systemctl is-enabled --quiet containerd
systemctl is-active --quiet containerd
prep_cri_ok /run/containerd/containerd.sock ctr
