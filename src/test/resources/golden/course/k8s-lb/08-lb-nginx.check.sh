#!/usr/bin/env bash
# kubewizard · k8s-lb · lb/lb-nginx · check (exit 0 = already done, changes nothing)
# 配置负载均衡器（Nginx）：192.168.1.100:6443 转发到所有 Master 的 6443
# Load balancer (nginx): 192.168.1.100:6443 forwards to port 6443 of every master
set -euo pipefail
export LC_ALL=C.UTF-8

kw_installed() {
  # kw_installed PACKAGE... : true when every package is installed.
  local pkg
  for pkg in "$@"; do
    # shellcheck disable=SC2016 # ${Status} is dpkg-query's field name, not a shell variable
    dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q 'install ok installed' || return 1
  done
}

kw_render() {
  # kw_render OUT [NAME=VALUE...] < TEMPLATE : copies the template to OUT, filling in {{NAME}} placeholders.
  local out=$1 line pair
  shift
  if [ $# -eq 0 ]; then
    cat > "$out"
    return 0
  fi
  : > "$out"
  while IFS= read -r line || [ -n "$line" ]; do
    for pair in "$@"; do
      line=${line//"{{${pair%%=*}}}"/"${pair#*=}"}
    done
    printf '%s\n' "$line" >> "$out"
  done
}

kw_same_file() {
  # kw_same_file PATH MODE [NAME=VALUE...] < CONTENT : true when the file has exactly this content and mode.
  local path=$1 mode=$2 tmp rc=0
  shift 2
  [ -f "$path" ] || { cat > /dev/null; return 1; }
  tmp=$(mktemp)
  kw_render "$tmp" "$@"
  cmp -s "$tmp" "$path" || rc=1
  rm -f "$tmp"
  [ "$rc" -eq 0 ] && [ "$(stat -c %a "$path")" = "${mode#0}" ]
}

kw_fingerprint() {
  # kw_fingerprint FILE... : one checksum over the names, contents and modes of the files (absent ones count too),
  # to tell whether a step changed them or whether a service still runs an older version of them.
  local f
  for f in "$@"; do
    printf '%s\n' "$f"
    if [ -f "$f" ]; then
      cat "$f"
      stat -c %a "$f"
    fi
  done | sha256sum
}


lb_port_answers() {
  # lb_port_answers HOST PORT : true when HOST:PORT accepts a TCP connection within 2 seconds.
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}
kw_installed nginx libnginx-mod-stream
kw_same_file /etc/nginx/stream.d/kubernetes.conf 0644 <<'KW_EOF'
# kubewizard: TCP load balancer in front of the kube-apiservers of cluster k8s-class.
# Included from the top level of /etc/nginx/nginx.conf: a stream block inside http (conf.d/) is rejected.
stream {
    upstream kube_apiserver {
        # watches and kubelets hold connections for hours: new ones go to the least busy master
        least_conn;
        # a master that fails 3 connection attempts within 30s is skipped for 30s
        server 192.168.1.101:6443 max_fails=3 fail_timeout=30s;  # k8s-master1
        server 192.168.1.102:6443 max_fails=3 fail_timeout=30s;  # k8s-master2
        server 192.168.1.103:6443 max_fails=3 fail_timeout=30s;  # k8s-master3
    }

    server {
        # every address of this host; TCP keepalive notices clients that vanished (about 15 min)
        listen 6443 so_keepalive=10m:1m:5;
        proxy_pass kube_apiserver;
        # a master that does not accept within 5s is given up and the next one tried
        proxy_connect_timeout 5s;
        # kubectl get -w, exec, logs -f and port-forward may be silent for long: cut only after 24h
        proxy_timeout 24h;
        proxy_socket_keepalive on;
    }
}
KW_EOF
grep -qxF -- 'include /etc/nginx/stream.d/*.conf;  # kubewizard: stream must be at top level, not inside http' /etc/nginx/nginx.conf
nginx -t -q
[ "$(cat /var/lib/kubewizard/lb/nginx.applied 2>/dev/null)" = "$(kw_fingerprint /etc/nginx/nginx.conf /etc/nginx/stream.d/kubernetes.conf)" ]
systemctl is-enabled --quiet nginx
systemctl is-active --quiet nginx
lb_port_answers 127.0.0.1 6443
lb_port_answers 192.168.1.100 6443
