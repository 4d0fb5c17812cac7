#!/usr/bin/env bash
# kubewizard · k8s-master1 · cni/calico · check (exit 0 = already done, changes nothing)
# 安装 Calico 网络插件
# Install the Calico network plugin
set -euo pipefail
export LC_ALL=C.UTF-8

# This step always runs.
exit 1
