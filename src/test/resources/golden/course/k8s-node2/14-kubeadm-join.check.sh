#!/usr/bin/env bash
# kubewizard · k8s-node2 · join-worker/kubeadm-join · check (exit 0 = already done, changes nothing)
# k8s-node2 作为 Node 加入集群
# Join k8s-node2 as a worker
set -euo pipefail
export LC_ALL=C.UTF-8

# The kubelet's own credentials may read its Node object (a worker has no admin.conf).
node_registered() {
  kubectl --kubeconfig /etc/kubernetes/kubelet.conf --request-timeout=10s get node k8s-node2 -o name >/dev/null 2>&1
}
[ -f /etc/kubernetes/kubelet.conf ]
node_registered
