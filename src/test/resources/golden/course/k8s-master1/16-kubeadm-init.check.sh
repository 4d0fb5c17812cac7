#!/usr/bin/env bash
# kubewizard · k8s-master1 · init/kubeadm-init · check (exit 0 = already done, changes nothing)
# 初始化第一台 Master 节点（kubeadm init）
# Initialise the first master (kubeadm init)
set -euo pipefail
export LC_ALL=C.UTF-8

kubectl_local() {
  kubectl --kubeconfig /etc/kubernetes/admin.conf --server https://127.0.0.1:6443 --request-timeout=10s "$@"
}
# The last thing kubeadm init does is install kube-proxy: when it is there, init has finished.
control_plane_complete() {
  [ -f /etc/kubernetes/admin.conf ] && [ -f /etc/kubernetes/manifests/kube-apiserver.yaml ] && kubectl_local -n kube-system get daemonset kube-proxy -o name >/dev/null 2>&1
}
control_plane_complete
