#!/usr/bin/env bash
# kubewizard · k8s-master1 · init/kubeadm-config
# 写 kubeadm 配置文件
# Write the kubeadm configuration
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


# The plan names a minor line; the installed kubeadm is its newest patch.
KUBERNETES_VERSION=$(kubeadm version -o short)
case "$KUBERNETES_VERSION" in
  v1.34.*) echo "kubeadm $KUBERNETES_VERSION" ;;
  *) echo "kubewizard: the installed kubeadm is $KUBERNETES_VERSION, the plan says 1.34" >&2; exit 1 ;;
esac
# Kept to tell whether a control plane that already runs here was made from this configuration.
before=$(mktemp)
trap 'rm -f "$before"' EXIT
if [ -f /etc/kubewizard/kubeadm-config.yaml ]; then
  cp /etc/kubewizard/kubeadm-config.yaml "$before"
fi
kw_write_file /etc/kubewizard/kubeadm-config.yaml 0600 KUBERNETES_VERSION="$KUBERNETES_VERSION" <<'KW_EOF'
# kubeadm init configuration written by kubewizard for k8s-master1
apiVersion: kubeadm.k8s.io/v1beta4
kind: InitConfiguration
localAPIEndpoint:
  advertiseAddress: "192.168.1.101"
  bindPort: 6443
nodeRegistration:
  name: "k8s-master1"
  criSocket: "unix:///var/run/containerd/containerd.sock"
  kubeletExtraArgs:
    - name: node-ip
      value: "192.168.1.101"
---
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
kubernetesVersion: "{{KUBERNETES_VERSION}}"
controlPlaneEndpoint: "k8s-api.cluster.local:6443"
imageRepository: "registry.aliyuncs.com/google_containers"
networking:
  podSubnet: "10.244.0.0/16"
  serviceSubnet: "10.96.0.0/12"
apiServer:
  certSANs:
    - "k8s-api.cluster.local"
    - "192.168.1.100"
    - "192.168.1.101"
    - "k8s-master1"
    - "192.168.1.102"
    - "k8s-master2"
    - "192.168.1.103"
    - "k8s-master3"
    - "127.0.0.1"
    - "localhost"
---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: systemd
KW_EOF
if [ -f /etc/kubernetes/manifests/kube-apiserver.yaml ] && ! cmp -s "$before" /etc/kubewizard/kubeadm-config.yaml; then
  # Put back what the running control plane was made from: the plan no longer matches it.
  if [ -s "$before" ]; then
    install -m 0600 "$before" /etc/kubewizard/kubeadm-config.yaml
  else
    rm -f /etc/kubewizard/kubeadm-config.yaml
  fi
  echo 'kubewizard: k8s-master1 上的控制平面是按另一份配置建立的（计划改过，或者之前是手动安装的）。要按现在的计划重建，请对 k8s-master1 执行“重置节点”。' >&2
  echo 'kubewizard: The control plane on k8s-master1 was made from a different configuration (the plan changed, or it was installed by hand). To rebuild it from the current plan, use "reset node" on k8s-master1.' >&2
  exit 4
fi
