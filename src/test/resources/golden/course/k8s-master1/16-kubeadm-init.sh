#!/usr/bin/env bash
# kubewizard · k8s-master1 · init/kubeadm-init
# 初始化第一台 Master 节点（kubeadm init）
# Initialise the first master (kubeadm init)
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


# What an earlier kubeadm run left on this node, one line each; nothing on a clean node.
kubeadm_leftovers() {
  local path port
  for path in /etc/kubernetes/manifests /var/lib/etcd; do
    if [ -n "$(ls -A "$path" 2>/dev/null)" ]; then
      echo "$path is not empty"
    fi
  done
  for path in /etc/kubernetes/admin.conf /etc/kubernetes/super-admin.conf /etc/kubernetes/kubelet.conf \
      /etc/kubernetes/pki/ca.crt; do
    if [ -e "$path" ]; then
      echo "$path exists"
    fi
  done
  for port in 6443 2379 2380 10250 10257 10259; do
    if [ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]; then
      echo "port $port is in use ([ERROR Port-$port])"
    fi
  done
}

# Stop with exit code 4: kubewizard then offers "reset node" for this machine.
needs_reset() {
  local item
  for item in "$@"; do
    echo "  - $item" >&2
  done
  echo 'kubewizard: k8s-master1 上还留着之前安装的东西（见上面的列表），kubeadm 会因此失败。请在 kubewizard 中对 k8s-master1 执行“重置节点”，然后再试。' >&2
  echo 'kubewizard: k8s-master1 still holds what an earlier install left (listed above), and kubeadm would fail on it. Use "reset node" on k8s-master1 in kubewizard, then try again.' >&2
  exit 4
}

failed_on_leftovers() {
  if grep -Eq '\[ERROR (Port-|DirAvailable-|FileAvailable-)' "$1"; then
    needs_reset "kubeadm's preflight found files or ports of an earlier run (see above)"
  fi
}

kubectl_local() {
  kubectl --kubeconfig /etc/kubernetes/admin.conf --server https://127.0.0.1:6443 --request-timeout=10s "$@"
}
# The last thing kubeadm init does is install kube-proxy: when it is there, init has finished.
control_plane_complete() {
  [ -f /etc/kubernetes/admin.conf ] && [ -f /etc/kubernetes/manifests/kube-apiserver.yaml ] && kubectl_local -n kube-system get daemonset kube-proxy -o name >/dev/null 2>&1
}

if [ -f /etc/kubernetes/admin.conf ] && [ -f /etc/kubernetes/manifests/kube-apiserver.yaml ]; then
  if kw_retry 12 5 control_plane_complete; then
    echo "the control plane is already initialised on this node: kubeadm init is not run again"
  else
    echo 'kubewizard: k8s-master1 上之前的 kubeadm init 没有完成：控制平面文件已经存在，但集群没有完成初始化（或者在 1 分钟内都连不上本机 API Server）。' >&2
    echo 'kubewizard: An earlier kubeadm init on k8s-master1 did not finish: the control-plane files exist but the cluster was never completed (or the local API server did not answer within a minute).' >&2
    needs_reset "/etc/kubernetes/manifests/kube-apiserver.yaml exists"
  fi
else
  mapfile -t leftovers < <(kubeadm_leftovers)
  if [ "${#leftovers[@]}" -gt 0 ]; then
    needs_reset "${leftovers[@]}"
  fi
  # Saved as the course asks. The token and certificate key are printed as <value withheld>:
  # kubewizard makes fresh ones for every join, so no secret is kept in a file.
  install -m 0600 /dev/null /root/kubeadm-init.txt
  if ! kubeadm init --config /etc/kubewizard/kubeadm-config.yaml --upload-certs --skip-token-print --skip-certificate-key-print 2>&1 | tee /root/kubeadm-init.txt; then
    failed_on_leftovers /root/kubeadm-init.txt
    exit 1
  fi
  echo "kubeadm's output is kept in /root/kubeadm-init.txt"
fi
