#!/usr/bin/env bash
# kubewizard · k8s-node2 · prep/firewall · check (exit 0 = already done, changes nothing)
# 关闭防火墙
# Turn the firewall off
set -euo pipefail
export LC_ALL=C.UTF-8

if command -v ufw > /dev/null; then
  grep -qx 'ENABLED=no' /etc/ufw/ufw.conf
  if systemctl is-enabled --quiet ufw; then exit 1; fi
fi
