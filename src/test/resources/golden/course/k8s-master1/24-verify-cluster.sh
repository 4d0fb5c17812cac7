#!/usr/bin/env bash
# kubewizard · k8s-master1 · verify/verify-cluster
# 验证集群
# Verify the cluster
set -euo pipefail
export LC_ALL=C.UTF-8

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


kubectl_admin() {
  kubectl --kubeconfig /etc/kubernetes/admin.conf "$@"
}

expected=$(sort <<'KW_EOF'
k8s-master1
k8s-master2
k8s-master3
k8s-node1
k8s-node2
KW_EOF
)
registered_nodes() {
  kubectl_admin get nodes -o name | sed 's|^node/||' | sort
}
same_nodes() {
  [ "$(registered_nodes)" = "$expected" ]
}
if ! kw_retry 30 10 same_nodes; then
  echo "kubewizard: the cluster should have exactly these 5 nodes:" >&2
  echo "$expected" >&2
  echo "kubewizard: it has:" >&2
  registered_nodes >&2 || true
  exit 1
fi
kubectl_admin wait --for=condition=Ready --timeout=600s node/k8s-master1 node/k8s-master2 node/k8s-master3 node/k8s-node1 node/k8s-node2
kubectl_admin -n kube-system rollout status daemonset/calico-node --timeout=600s
kubectl_admin -n kube-system rollout status deployment/calico-kube-controllers --timeout=300s
kubectl_admin -n kube-system rollout status deployment/coredns --timeout=300s

# The API server answers through the load balancer and on each master.
ready=$(kubectl_admin --server https://k8s-api.cluster.local:6443 --request-timeout=15s get --raw /readyz)
echo "API server via the endpoint name (https://k8s-api.cluster.local:6443): $ready"
ready=$(kubectl_admin --server https://192.168.1.100:6443 --request-timeout=15s get --raw /readyz)
echo "API server via the VIP (https://192.168.1.100:6443): $ready"
ready=$(kubectl_admin --server https://192.168.1.101:6443 --request-timeout=15s get --raw /readyz)
echo "API server via k8s-master1 (https://192.168.1.101:6443): $ready"
ready=$(kubectl_admin --server https://192.168.1.102:6443 --request-timeout=15s get --raw /readyz)
echo "API server via k8s-master2 (https://192.168.1.102:6443): $ready"
ready=$(kubectl_admin --server https://192.168.1.103:6443 --request-timeout=15s get --raw /readyz)
echo "API server via k8s-master3 (https://192.168.1.103:6443): $ready"

kubectl_admin get nodes -o wide
kubectl_admin -n kube-system get pods -o wide
