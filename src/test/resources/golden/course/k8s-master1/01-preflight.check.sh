#!/usr/bin/env bash
# kubewizard · k8s-master1 · preflight/preflight · check (exit 0 = already done, changes nothing)
# 预检：检查这台机器能不能装
# Preflight: can this machine take part?
set -euo pipefail
export LC_ALL=C.UTF-8

# This step always runs.
exit 1
