#!/usr/bin/env bash
# Makes a test host (its own /etc, /var, /usr/local, /run and hostname already) a fresh Ubuntu 24.04 server VM as a
# classroom has it, before kubewizard ever connects: Ubuntu's release and apt sources and no package index yet, the
# packages an Ubuntu server comes with, a swap file in fstab and on, ufw turned on, cloud-init's folder, a product_uuid
# of its own, no container runtime or Kubernetes files, and only ssh and ufw enabled as services.
# Usage: prepare.sh IMAGE_DIR PRODUCT_UUID
set -euo pipefail
image=$1
uuid=$2

rm -f /etc/os-release
install -m 0644 "$image/os-release" /etc/os-release

rm -f /etc/apt/sources.list.d/*
install -m 0644 "$image/ubuntu.sources" /etc/apt/sources.list.d/ubuntu.sources
printf '# Ubuntu sources have moved to /etc/apt/sources.list.d/ubuntu.sources\n' > /etc/apt/sources.list
rm -rf /var/lib/apt/lists
mkdir -p /var/lib/apt/lists/partial

mkdir -p /var/lib/kubewizard-stubs/dpkg
while read -r package version; do
  printf '%s\n' "$version" > "/var/lib/kubewizard-stubs/dpkg/$package"
done <<'PACKAGES'
ca-certificates 20240203
curl 8.5.0-2ubuntu10.6
gnupg 2.4.4-2ubuntu17.3
iproute2 6.1.0-1ubuntu6.2
iptables 1.8.10-3ubuntu2
ethtool 1:6.7-1build1
openssh-server 1:9.6p1-3ubuntu13.14
sudo 1.9.15p5-3ubuntu5.24.04.1
ufw 0.36.2-6
PACKAGES

# what the test machine itself has installed and configured is not on this VM
rm -rf /etc/containerd /etc/kubernetes /etc/kubewizard /etc/chrony /etc/cni /etc/crictl.yaml /etc/keepalived \
  /etc/haproxy /var/lib/etcd /var/lib/kubelet /var/backups/kubewizard /etc/apt/keyrings
mkdir -p /etc/apt/keyrings
find /etc/systemd/system -name '*.wants' -type d | while read -r wants; do
  find "$wants" -maxdepth 1 -type l ! -name 'ssh.service' ! -name 'getty*' -delete
done
mkdir -p /etc/systemd/system/multi-user.target.wants
ln -sfn /usr/lib/systemd/system/ufw.service /etc/systemd/system/multi-user.target.wants/ufw.service

# systemd-resolved's stub resolver, as on Ubuntu; nothing answers there on this test network, so a name that is not
# in /etc/hosts fails at once instead of waiting for a DNS server out of reach
rm -f /etc/resolv.conf
printf 'nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n' > /etc/resolv.conf

install -D -m 0644 "$image/ufw.conf" /etc/ufw/ufw.conf
install -m 0644 "$image/fstab" /etc/fstab
mkdir -p /run/kubewizard-stubs
echo /swap.img > /run/kubewizard-stubs/swap
mkdir -p /etc/cloud/cloud.cfg.d

# nginx's default site also listens on [::]:80, which a kernel without IPv6 refuses
if [ ! -e /proc/net/if_inet6 ] && [ -e /etc/nginx/sites-enabled/default ]; then
  sed -i '/listen[[:space:]]*\[::\]/d' /etc/nginx/sites-enabled/default
fi

# the kernel's list of loaded modules, as this VM shows it (modprobe adds to it)
mount -t tmpfs -o mode=0755 kw-modules /sys/module
mkdir /sys/module/overlay
# cloned VMs must differ in product_uuid (kubeadm requires it): this one has its own
if [ -d /sys/devices/virtual/dmi/id ]; then
  mount -t tmpfs -o mode=0755 kw-dmi /sys/devices/virtual/dmi/id
  printf '%s\n' "$uuid" > /sys/devices/virtual/dmi/id/product_uuid
fi
