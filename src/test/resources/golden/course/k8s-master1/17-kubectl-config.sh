#!/usr/bin/env bash
# kubewizard · k8s-master1 · init/kubectl-config
# 配置 kubectl 工具
# Set up kubectl
set -euo pipefail
export LC_ALL=C.UTF-8

# The course's mkdir -p $HOME/.kube; cp admin.conf $HOME/.kube/config; chown: for root and the sudo user.
kubectl_for() {
  local user=$1 home group config
  home=$(getent passwd "$user" | cut -d: -f6)
  group=$(id -gn "$user")
  config=$home/.kube/config
  install -d -m 0700 -o "$user" -g "$group" "$home/.kube"
  if [ -f "$config" ] && ! cmp -s /etc/kubernetes/admin.conf "$config" && [ ! -e "$config.before-kubewizard" ]; then
    cp -p "$config" "$config.before-kubewizard"
    echo "the earlier kubeconfig is kept in $config.before-kubewizard"
  fi
  install -m 0600 -o "$user" -g "$group" /etc/kubernetes/admin.conf "$config"
  echo "kubectl for $user: $config"
}
kubectl_for root
if [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then
  kubectl_for "$SUDO_USER"
fi
