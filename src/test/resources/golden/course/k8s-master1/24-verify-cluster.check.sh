#!/usr/bin/env bash
# kubewizard · k8s-master1 · verify/verify-cluster · check (exit 0 = already done, changes nothing)
# 验证集群
# Verify the cluster
set -euo pipefail
export LC_ALL=C.UTF-8

# This step always runs.
exit 1
