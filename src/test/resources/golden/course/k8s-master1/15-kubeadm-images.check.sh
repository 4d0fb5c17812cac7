#!/usr/bin/env bash
# kubewizard · k8s-master1 · init/kubeadm-images · check (exit 0 = already done, changes nothing)
# 提前下载控制平面镜像
# Pull the control-plane images
set -euo pipefail
export LC_ALL=C.UTF-8

mapfile -t images < <(kubeadm config images list --config /etc/kubewizard/kubeadm-config.yaml)
[ "${#images[@]}" -gt 0 ]
for image in "${images[@]}"; do
  crictl inspecti "$image" >/dev/null 2>&1
done
