#!/usr/bin/env bash
# kubewizard · k8s-master1 · init/kubectl-config · check (exit 0 = already done, changes nothing)
# 配置 kubectl 工具
# Set up kubectl
set -euo pipefail
export LC_ALL=C.UTF-8

kubectl_ready_for() {
  local home
  home=$(getent passwd "$1" | cut -d: -f6)
  cmp -s /etc/kubernetes/admin.conf "$home/.kube/config" && [ "$(stat -c %U "$home/.kube/config")" = "$1" ]
}
kubectl_ready_for root
if [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then
  kubectl_ready_for "$SUDO_USER"
fi
