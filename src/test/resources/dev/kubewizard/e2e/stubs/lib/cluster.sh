# shellcheck shell=bash
# The fake cluster's part of the e2e stand-ins, shared by kubeadm and kubectl. The cluster's state ("etcd") is one
# directory shared by all test hosts ($STUB_CLUSTER, outside every host's own files): endpoint, CA hash, bootstrap
# tokens and the certificate key (as sha256 only), nodes, and the few objects the recipe reads back. Each master runs a
# small real TCP server on 6443 (kube-apiserver.pl): clients reach it over the real network, through the real nginx.

stub_kubeconfig() {
  # stub_kubeconfig PATH SERVER USER : a kubeconfig as kubeadm writes it (the certificates are placeholders)
  local data
  data=$(printf -- '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIkubewizarde2etestonlyMA0GCSqGSIb3DQEBCwUAMBUx\n-----END CERTIFICATE-----\n' | base64 -w0)
  install -D -m 0600 /dev/stdin "$1" <<KUBECONFIG
apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: $data
    server: $2
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: $3
  name: $3@kubernetes
current-context: $3@kubernetes
kind: Config
preferences: {}
users:
- name: $3
  user:
    client-certificate-data: $data
    client-key-data: $data
KUBECONFIG
}

stub_kubeconfig_server() {
  # the server URL of a kubeconfig file
  awk '$1 == "server:" { print $2; exit }' "$1"
}

stub_api_answers() {
  # stub_api_answers URL : true when the API server at https://HOST:PORT answers
  local hostport=${1#https://}
  hostport=${hostport%%/*}
  [ "$(stub_tcp_ask "${hostport%:*}" "${hostport##*:}" "GET /readyz")" = ok ]
}

stub_apiserver_running() {
  [ -s "$STUB_RUN/kube-apiserver.pid" ] && kill -0 "$(cat "$STUB_RUN/kube-apiserver.pid")" 2> /dev/null
}

stub_apiserver_start() {
  # the static pod kubelet starts from /etc/kubernetes/manifests/kube-apiserver.yaml
  stub_apiserver_running && return 0
  mkdir -p "$STUB_RUN"
  ln -sfn /usr/bin/perl "$STUB_RUN/kube-apiserver"
  setsid -f "$STUB_RUN/kube-apiserver" "$STUB_HOME/kube-apiserver.pl" "$STUB_RUN/kube-apiserver.pid" \
    < /dev/null > /dev/null 2>&1
  for _ in $(seq 50); do
    if [ "$(stub_tcp_ask 127.0.0.1 6443 "GET /readyz")" = ok ]; then return 0; fi
    sleep 0.1
  done
  echo "kube-apiserver did not come up on 6443" >&2
  return 1
}

stub_apiserver_stop() {
  if stub_apiserver_running; then kill "$(cat "$STUB_RUN/kube-apiserver.pid")" 2> /dev/null || true; fi
  rm -f "$STUB_RUN/kube-apiserver.pid"
}

stub_pause_tag() {
  case "$1" in
    31 | 32 | 33) echo 3.10 ;;
    *) echo 3.10.1 ;;
  esac
}

stub_node_ready() {
  # nodes become Ready once the pod network (Calico) is there
  [ -f "$STUB_CLUSTER/objects/kube-system/daemonset/calico-node" ]
}
