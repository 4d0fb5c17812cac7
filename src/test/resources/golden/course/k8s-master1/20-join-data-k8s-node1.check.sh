#!/usr/bin/env bash
# kubewizard · k8s-master1 · join-worker/join-data-k8s-node1 · check (exit 0 = already done, changes nothing)
# 为 k8s-node1 生成新的加入命令
# Make fresh join data for k8s-node1
set -euo pipefail
export LC_ALL=C.UTF-8

# This step always runs.
exit 1
