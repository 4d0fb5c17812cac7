#!/usr/bin/env bash
# kubewizard · k8s-master1 · cni/calico
# 安装 Calico 网络插件
# Install the Calico network plugin
set -euo pipefail
export LC_ALL=C.UTF-8

echo 'kubewizard: 还没有读取 calico.yaml（Calico v3.28.2）：请在网络插件设置里选择本地文件，或先在这台电脑上下载，再运行这一步。' >&2
echo 'kubewizard: calico.yaml (Calico v3.28.2) has not been read yet: choose a local file in the network plugin settings, or download it on this computer first, then run this step.' >&2
exit 1
