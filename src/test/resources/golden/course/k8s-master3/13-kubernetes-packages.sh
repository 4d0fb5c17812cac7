#!/usr/bin/env bash
# kubewizard · k8s-master3 · prep/kubernetes-packages
# 安装 kubelet、kubeadm、kubectl（1.34）
# Install kubelet, kubeadm and kubectl (1.34)
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

minor=1.34
# the repository's key, de-armored into a keyring file of its own (no apt-key)
prep_retire /etc/apt/sources.list.d/kubernetes.list
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
kw_retry 3 5 curl -fsSL --connect-timeout 20 -o "$work/Release.key" https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/Release.key || prep_fail '下载失败：https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/Release.key，请检查镜像地址和网络 / Download failed: https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/Release.key; check the mirror address and the network'
GNUPGHOME="$work" gpg --batch --yes --dearmor -o "$work/keyring.gpg" "$work/Release.key" || prep_fail '下载的内容不是软件源密钥：https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/Release.key，请检查镜像地址 / What was downloaded is not a repository key: https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/Release.key; check the mirror address'
kw_write_file /etc/apt/keyrings/kubernetes-apt-keyring.gpg 0644 < "$work/keyring.gpg"
kw_write_file /etc/apt/sources.list.d/kubernetes.sources 0644 <<'KW_EOF'
# Written by kubewizard: kubelet, kubeadm, kubectl of one minor line from https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/
Types: deb
URIs: https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/
Suites: /
Signed-By: /etc/apt/keyrings/kubernetes-apt-keyring.gpg
KW_EOF
kw_apt update
# install the newest 1.34.x unless all three are already at 1.34
missing=0
for pkg in kubelet kubeadm kubectl; do
  prep_at_minor "$pkg" "$minor" || missing=1
done
if [ "$missing" = 1 ]; then
  if [ -e /etc/kubernetes/kubelet.conf ]; then
    prep_fail '这台机器已经是某个集群的节点，装的却不是 1.34 版本的 kubelet/kubeadm/kubectl；请先在这台机器上执行 kubeadm reset，或修改计划里的版本 / This machine is already a cluster node but its kubelet/kubeadm/kubectl are not 1.34; run kubeadm reset on it first, or change the version in the plan'
  fi
  wanted=()
  for pkg in kubelet kubeadm kubectl; do
    version=$(apt-cache madison "$pkg" | awk -v m="$minor." 'index($3, m) == 1 { print $3; exit }')
    [ -n "$version" ] || prep_fail '在 https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/ 里找不到 1.34.x 版本的软件包 / No 1.34.x packages found in https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/'
    wanted+=("$pkg=$version")
  done
  kw_apt install --allow-change-held-packages --allow-downgrades "${wanted[@]}"
fi
apt-mark hold kubelet kubeadm kubectl
systemctl is-enabled --quiet kubelet || systemctl enable kubelet
kubeadm version -o short
# kubeadm's own pause image must be the one containerd runs pods with
actual=$(prep_pause_image registry.aliyuncs.com/google_containers)
if [ "$actual" != registry.aliyuncs.com/google_containers/pause:3.10.1 ]; then
  echo "kubeadm expects: ${actual:-none}" >&2
  prep_fail 'kubeadm 需要的 pause 镜像和 containerd 配置的 registry.aliyuncs.com/google_containers/pause:3.10.1 不一致，请升级 kubewizard 或修改计划 / The pause image kubeadm asks for differs from registry.aliyuncs.com/google_containers/pause:3.10.1 configured in containerd; update kubewizard or change the plan'
fi
