#!/usr/bin/env bash
# kubewizard · k8s-node2 · prep/containerd
# 安装容器服务 Containerd
# Install the container runtime containerd
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

kw_fingerprint() {
  # kw_fingerprint FILE... : one checksum over the names, contents and modes of the files (absent ones count too),
  # to tell whether a step changed them or whether a service still runs an older version of them.
  local f
  for f in "$@"; do
    printf '%s\n' "$f"
    if [ -f "$f" ]; then
      cat "$f"
      stat -c %a "$f"
    fi
  done | sha256sum
}

kw_os_codename() {
  sed -n 's/^VERSION_CODENAME=//p' /etc/os-release | tr -d '"'
}

kw_retry() {
  # kw_retry TRIES DELAY COMMAND... : runs the command until it succeeds, at most TRIES times.
  local tries=$1 delay=$2 n=1
  shift 2
  until "$@"; do
    if [ "$n" -ge "$tries" ]; then
      return 1
    fi
    echo "retry $n/$tries in ${delay}s: $*"
    n=$((n + 1))
    sleep "$delay"
  done
}


prep_fail() {
  echo "kubewizard: $*" >&2
  exit 1
}

prep_retire() {
  local file=$1 keep="/var/backups/kubewizard$1"
  [ -e "$file" ] || return 0
  mkdir -p "$(dirname "$keep")"
  if [ -e "$keep" ]; then
    keep="$keep.$(date +%Y%m%d%H%M%S)"
  fi
  mv "$file" "$keep"
  echo "moved aside: $file -> $keep"
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
# Docker's repository, its key in a keyring file of its own
prep_retire /etc/apt/sources.list.d/docker.list
key=$(mktemp)
trap 'rm -f "$key"' EXIT
kw_retry 3 5 curl -fsSL --connect-timeout 20 -o "$key" https://mirrors.aliyun.com/docker-ce/linux/ubuntu/gpg || prep_fail '下载失败：https://mirrors.aliyun.com/docker-ce/linux/ubuntu/gpg，请检查镜像地址和网络 / Download failed: https://mirrors.aliyun.com/docker-ce/linux/ubuntu/gpg; check the mirror address and the network'
grep -q 'BEGIN PGP PUBLIC KEY BLOCK' "$key" || prep_fail '下载的内容不是软件源密钥：https://mirrors.aliyun.com/docker-ce/linux/ubuntu/gpg，请检查镜像地址 / What was downloaded is not a repository key: https://mirrors.aliyun.com/docker-ce/linux/ubuntu/gpg; check the mirror address'
kw_write_file /etc/apt/keyrings/docker.asc 0644 < "$key"
kw_write_file /etc/apt/sources.list.d/docker.sources 0644 CODENAME="$codename" <<'KW_EOF'
# Written by kubewizard: Docker CE packages (only containerd.io is installed) from https://mirrors.aliyun.com/docker-ce/linux/ubuntu
Types: deb
URIs: https://mirrors.aliyun.com/docker-ce/linux/ubuntu
Suites: {{CODENAME}}
Components: stable
Signed-By: /etc/apt/keyrings/docker.asc
KW_EOF
kw_apt update
kw_apt_install containerd.io
# a config for the installed containerd, complete (containerd.io ships one that disables cri)
major=$(prep_containerd_major containerd)
case "$major" in ''|*[!0-9]*) prep_fail '读不出 containerd 的版本（containerd --version） / Cannot read the containerd version (containerd --version)' ;; esac
before=$(kw_fingerprint /etc/containerd/config.toml)
if [ "$major" -ge 2 ]; then
kw_write_file /etc/containerd/config.toml 0644 <<'KW_EOF'
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
kw_write_file /etc/containerd/config.toml 0644 <<'KW_EOF'
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
after=$(kw_fingerprint /etc/containerd/config.toml)
systemctl is-enabled --quiet containerd || systemctl enable containerd
if [ "$before" != "$after" ]; then
  systemctl restart containerd
elif ! systemctl is-active --quiet containerd; then
  systemctl start containerd
elif ! prep_cri_ok /run/containerd/containerd.sock ctr; then
  # an earlier run wrote the config but was cut off before this restart
  systemctl restart containerd
fi
kw_retry 15 1 prep_cri_ok /run/containerd/containerd.sock ctr || prep_fail 'containerd 的 CRI 插件没有加载成功，请查看 journalctl -u containerd / containerd'\''s CRI plugin did not load; see journalctl -u containerd'
containerd --version
