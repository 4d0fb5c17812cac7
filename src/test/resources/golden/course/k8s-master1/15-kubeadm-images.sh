#!/usr/bin/env bash
# kubewizard · k8s-master1 · init/kubeadm-images
# 提前下载控制平面镜像
# Pull the control-plane images
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


kw_retry 3 10 kubeadm config images pull --config /etc/kubewizard/kubeadm-config.yaml
