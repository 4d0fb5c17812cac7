#!/usr/bin/env bash
# kubewizard · k8s-lb · prep/firewall
# 关闭防火墙
# Turn the firewall off
set -euo pipefail
export LC_ALL=C.UTF-8

if command -v ufw > /dev/null; then
  ufw disable
  systemctl disable --now ufw
else
  echo "ufw is not installed"
fi
