#!/usr/bin/env bash
# kubewizard · k8s-node1 · join-worker/kubeadm-join
# k8s-node1 作为 Node 加入集群
# Join k8s-node1 as a worker
set -euo pipefail
export LC_ALL=C.UTF-8

kw_no_input() {
  echo "kubewizard: the run-time value $1 was not given on standard input" >&2
  exit 3
}

kw_retry() {
  # kw_retry TRIES DELAY COMMAND... : runs the command until it succeeds, at most TRIES times.
  local tries=$1 delay=$2 n=1
  shift 2
  until "$@"; do
    if [ "$n" -ge "$tries" ]; then
      return 1
    fi
    echo "retry $n/$tries in ${delay}s: $*"
    n=$((n + 1))
    sleep "$delay"
  done
}


# Run-time values arrive on standard input, one line each; they are never written down.
IFS= read -r KW_JOIN_TOKEN || kw_no_input KW_JOIN_TOKEN
IFS= read -r KW_CA_CERT_HASH || kw_no_input KW_CA_CERT_HASH
exec </dev/null

# The values were read from standard input; check their shape (never print them).
if ! [[ $KW_JOIN_TOKEN =~ ^[a-z0-9]{6}[.][a-z0-9]{16}$ ]]; then
  echo "kubewizard: KW_JOIN_TOKEN is not a bootstrap token" >&2
  exit 3
fi
if ! [[ $KW_CA_CERT_HASH =~ ^sha256:[0-9a-f]{64}$ ]]; then
  echo "kubewizard: KW_CA_CERT_HASH is not a CA certificate hash (sha256:...)" >&2
  exit 3
fi

# What an earlier kubeadm run left on this node, one line each; nothing on a clean node.
kubeadm_leftovers() {
  local path port
  for path in /etc/kubernetes/manifests /var/lib/etcd; do
    if [ -n "$(ls -A "$path" 2>/dev/null)" ]; then
      echo "$path is not empty"
    fi
  done
  for path in /etc/kubernetes/admin.conf /etc/kubernetes/super-admin.conf /etc/kubernetes/kubelet.conf \
      /etc/kubernetes/pki/ca.crt; do
    if [ -e "$path" ]; then
      echo "$path exists"
    fi
  done
  for port in 6443 2379 2380 10250 10257 10259; do
    if [ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]; then
      echo "port $port is in use ([ERROR Port-$port])"
    fi
  done
}

# Stop with exit code 4: kubewizard then offers "reset node" for this machine.
needs_reset() {
  local item
  for item in "$@"; do
    echo "  - $item" >&2
  done
  echo 'kubewizard: k8s-node1 上还留着之前安装的东西（见上面的列表），kubeadm 会因此失败。请在 kubewizard 中对 k8s-node1 执行“重置节点”，然后再试。' >&2
  echo 'kubewizard: k8s-node1 still holds what an earlier install left (listed above), and kubeadm would fail on it. Use "reset node" on k8s-node1 in kubewizard, then try again.' >&2
  exit 4
}

failed_on_leftovers() {
  if grep -Eq '\[ERROR (Port-|DirAvailable-|FileAvailable-)' "$1"; then
    needs_reset "kubeadm's preflight found files or ports of an earlier run (see above)"
  fi
}

# The kubelet's own credentials may read its Node object (a worker has no admin.conf).
node_registered() {
  kubectl --kubeconfig /etc/kubernetes/kubelet.conf --request-timeout=10s get node k8s-node1 -o name >/dev/null 2>&1
}

# The JoinConfiguration holds the token: kubeadm reads it from a pipe (process substitution), so it is
# never written to a file nor seen on a command line.
join_config() {
  local line
  while IFS= read -r line; do
    line=${line//"{{KW_JOIN_TOKEN}}"/"$KW_JOIN_TOKEN"}
    line=${line//"{{KW_CA_CERT_HASH}}"/"$KW_CA_CERT_HASH"}
    printf '%s\n' "$line"
  done <<'KW_EOF'
apiVersion: kubeadm.k8s.io/v1beta4
kind: JoinConfiguration
discovery:
  bootstrapToken:
    apiServerEndpoint: "k8s-api.cluster.local:6443"
    token: "{{KW_JOIN_TOKEN}}"
    caCertHashes:
      - "{{KW_CA_CERT_HASH}}"
nodeRegistration:
  name: "k8s-node1"
  criSocket: "unix:///var/run/containerd/containerd.sock"
  kubeletExtraArgs:
    - name: node-ip
      value: "192.168.1.201"
KW_EOF
}

if [ -f /etc/kubernetes/kubelet.conf ]; then
  if kw_retry 12 5 node_registered; then
    echo "k8s-node1 has already joined the cluster: kubeadm join is not run again"
  else
    echo 'kubewizard: k8s-node1 上已经有之前加入留下的 kubelet 配置，但集群里找不到这个节点（或者通过入口地址连不上集群）。' >&2
    echo 'kubewizard: k8s-node1 has the kubelet configuration of an earlier join, but the cluster does not know this node (or cannot be reached through the endpoint).' >&2
    needs_reset "/etc/kubernetes/kubelet.conf exists"
  fi
else
  mapfile -t leftovers < <(kubeadm_leftovers)
  if [ "${#leftovers[@]}" -gt 0 ]; then
    needs_reset "${leftovers[@]}"
  fi
  install -m 0600 /dev/null /root/kubeadm-join.txt
  if ! kubeadm join --config <(join_config) 2>&1 | tee /root/kubeadm-join.txt; then
    failed_on_leftovers /root/kubeadm-join.txt
    exit 1
  fi
fi
