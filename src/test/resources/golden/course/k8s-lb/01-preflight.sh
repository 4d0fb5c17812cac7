#!/usr/bin/env bash
# kubewizard · k8s-lb · preflight/preflight
# 预检：检查这台机器能不能装
# Preflight: can this machine take part?
set -euo pipefail
export LC_ALL=C.UTF-8

kw_output() {
  # kw_output NAME VALUE : hands a run-time value to kubewizard (secret ones are masked wherever output is shown).
  printf '::kubewizard-output %s=%s\n' "$1" "$2"
}


problems=0
problem() { echo "PROBLEM: $*" >&2; problems=$((problems + 1)); }
warn() { echo "WARNING: $*" >&2; }

# Facts compared across machines by kubewizard (cloned VMs share product_uuid and MACs).
kw_output KW_HOSTNAME "$(hostname)"
kw_output KW_PRODUCT_UUID "$(cat /sys/class/dmi/id/product_uuid 2>/dev/null || echo unknown)"
macs=$(for nic in /sys/class/net/*; do
  [ -e "$nic/device" ] || continue   # physical or virtio NICs only: bridges and veths are not unique
  cat "$nic/address"
done | sort | paste -sd, -)
kw_output KW_MACS "${macs:-none}"
kw_output KW_CLOCK_EPOCH_MS "$(date +%s%3N)"
if [ -n "$(swapon --show --noheadings 2>/dev/null)" ]; then kw_output KW_SWAP_ACTIVE yes; else kw_output KW_SWAP_ACTIVE no; fi

os_id=$(sed -n 's/^ID=//p' /etc/os-release | tr -d '"')
os_version=$(sed -n 's/^VERSION_ID=//p' /etc/os-release | tr -d '"')
kw_output KW_OS "$os_id $os_version"
case "$os_id $os_version" in
  "ubuntu 22.04" | "ubuntu 24.04") echo "OS: Ubuntu $os_version" ;;
  *) problem "this machine runs '$os_id $os_version'; kubewizard installs on Ubuntu 22.04 or 24.04" ;;
esac

cpus=$(nproc)
memory_mb=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)
kw_output KW_CPUS "$cpus"
kw_output KW_MEMORY_MB "$memory_mb"

# A port in use is a problem unless the program that is meant to hold it holds it (a second run).
port_check() {
  local port=$1 owner=$2 holder
  holder=$(ss -Htlnp "sport = :$port" 2>/dev/null | sed -n 's/.*users:(("\([^"]*\)".*/\1/p' | head -n 1)
  if [ -z "$(ss -Htln "sport = :$port" 2>/dev/null)" ]; then
    return 0
  elif [[ "$holder" =~ ^($owner)$ ]]; then
    echo "port $port: held by $holder (kubewizard already set it up)"
  else
    problem "port $port is in use by ${holder:-another program}; it must be free (kubeadm [ERROR Port-$port])"
  fi
}
port_check 6443 nginx

# Every mirror must answer from this machine (classrooms often block some of them).
reach() {
  local level=$1 url=$2 expect=$3 code
  if ! command -v curl >/dev/null; then
    warn "curl is not installed: $url not probed"
    return 0
  fi
  code=$(curl -sS -o /dev/null -w '%{http_code}' --connect-timeout 5 --max-time 15 "$url" 2>/dev/null || true)
  if [[ "$code" =~ ^($expect)$ ]]; then
    echo "reachable: $url ($code)"
  elif [ "$level" = error ]; then
    problem "cannot use $url (HTTP ${code:-no answer}); choose another mirror in the plan"
  else
    warn "cannot use $url (HTTP ${code:-no answer})"
  fi
}
reach error https://mirrors.aliyun.com/ubuntu/dists/ '2..|3..'

if [ "$problems" -gt 0 ]; then
  echo "preflight: $problems problem(s) on $(hostname); nothing was changed" >&2
  exit 1
fi
echo "preflight: ok"
