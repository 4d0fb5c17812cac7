#!/usr/bin/env bash
# kubewizard · k8s-master1 · join-worker/join-data-k8s-node2
# 为 k8s-node2 生成新的加入命令
# Make fresh join data for k8s-node2
set -euo pipefail
export LC_ALL=C.UTF-8

kw_output() {
  # kw_output NAME VALUE : hands a run-time value to kubewizard (secret ones are masked wherever output is shown).
  printf '::kubewizard-output %s=%s\n' "$1" "$2"
}


# The word after FLAG in a "kubeadm join" command read on stdin. kubeadm prints it on one line
# (token create --print-join-command) or, in init's output, over lines ending in a backslash and
# indented with TABs (8 spaces once pasted from a terminal): awk splits words on both.
join_flag() {
  awk -v flag="$1" '{ for (i = 1; i <= NF; i++) { if (prev == flag) { print $i; exit } prev = $i } }'
}

# The last non-empty line on stdin: "kubeadm init phase upload-certs" ends with the certificate key.
last_line() {
  awk 'NF { last = $0 } END { print last }' | tr -d '[:space:]'
}

# A new bootstrap token, valid for 1h: the node joins right after this step.
join_command=$(kubeadm token create --ttl 1h --print-join-command)
token=$(printf '%s\n' "$join_command" | join_flag --token)
ca_cert_hash=$(printf '%s\n' "$join_command" | join_flag --discovery-token-ca-cert-hash)
if ! [[ $token =~ ^[a-z0-9]{6}[.][a-z0-9]{16}$ ]]; then
  echo "kubewizard: no bootstrap token in the output of 'kubeadm token create --print-join-command'" >&2
  exit 1
fi
if ! [[ $ca_cert_hash =~ ^sha256:[0-9a-f]{64}$ ]]; then
  echo "kubewizard: no CA certificate hash in the output of 'kubeadm token create --print-join-command'" >&2
  exit 1
fi
kw_output KW_JOIN_TOKEN "$token"
kw_output KW_CA_CERT_HASH "$ca_cert_hash"
