#!/usr/bin/env bash
# kubewizard · k8s-master1 · init/kubeadm-config · check (exit 0 = already done, changes nothing)
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


KUBERNETES_VERSION=$(kubeadm version -o short)
kw_same_file /etc/kubewizard/kubeadm-config.yaml 0600 KUBERNETES_VERSION="$KUBERNETES_VERSION" <<'KW_EOF'
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
