#!/usr/bin/env bash
# kubewizard · k8s-master3 · join-master/kubeadm-join · check (exit 0 = already done, changes nothing)
# k8s-master3 作为 Master 加入集群
# Join k8s-master3 as a master
set -euo pipefail
export LC_ALL=C.UTF-8

kubectl_local() {
  kubectl --kubeconfig /etc/kubernetes/admin.conf --server https://127.0.0.1:6443 --request-timeout=10s "$@"
}
# Registered as a control-plane node: kubeadm's last join phase puts that label on.
node_registered() {
  local nodes
  nodes=$(kubectl_local get nodes -l node-role.kubernetes.io/control-plane -o name 2>/dev/null) || return 1
  grep -qx node/k8s-master3 <<<"$nodes"
}
[ -f /etc/kubernetes/kubelet.conf ]
[ -f /etc/kubernetes/manifests/kube-apiserver.yaml ]
node_registered
kubectl_ready_for() {
  local home
  home=$(getent passwd "$1" | cut -d: -f6)
  cmp -s /etc/kubernetes/admin.conf "$home/.kube/config" && [ "$(stat -c %U "$home/.kube/config")" = "$1" ]
}
kubectl_ready_for root
if [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then
  kubectl_ready_for "$SUDO_USER"
fi
