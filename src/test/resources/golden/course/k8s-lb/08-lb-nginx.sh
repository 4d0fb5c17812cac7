#!/usr/bin/env bash
# kubewizard · k8s-lb · lb/lb-nginx
# 配置负载均衡器（Nginx）：192.168.1.100:6443 转发到所有 Master 的 6443
# Load balancer (nginx): 192.168.1.100:6443 forwards to port 6443 of every master
set -euo pipefail
export LC_ALL=C.UTF-8

kw_apt() {
  # Never ask a question (needrestart on 24.04) and wait for the lock that unattended-upgrades holds on a fresh VM.
  DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a apt-get -y -q \
    -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@"
}

kw_installed() {
  # kw_installed PACKAGE... : true when every package is installed.
  local pkg
  for pkg in "$@"; do
    # shellcheck disable=SC2016 # ${Status} is dpkg-query's field name, not a shell variable
    dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q 'install ok installed' || return 1
  done
}

kw_apt_install() {
  # kw_apt_install PACKAGE... : installs what is missing, leaves installed packages alone.
  if kw_installed "$@"; then
    echo "already installed: $*"
  else
    kw_apt install "$@"
  fi
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

kw_write_file() {
  # kw_write_file PATH MODE [NAME=VALUE...] < CONTENT : writes the file only when its content differs.
  # The first time kubewizard replaces a file, the original is kept under /var/backups/kubewizard.
  local path=$1 mode=$2 tmp
  shift 2
  tmp=$(mktemp)
  kw_render "$tmp" "$@"
  mkdir -p "$(dirname "$path")"
  if [ -f "$path" ] && cmp -s "$tmp" "$path"; then
    chmod "$mode" "$path"
    rm -f "$tmp"
    echo "unchanged: $path"
    return 0
  fi
  if [ -f "$path" ] && [ ! -e "/var/backups/kubewizard$path" ]; then
    mkdir -p "$(dirname "/var/backups/kubewizard$path")"
    cp -p "$path" "/var/backups/kubewizard$path"
    echo "original kept: /var/backups/kubewizard$path"
  fi
  install -m "$mode" "$tmp" "$path"
  rm -f "$tmp"
  echo "written: $path"
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


lb_port_answers() {
  # lb_port_answers HOST PORT : true when HOST:PORT accepts a TCP connection within 2 seconds.
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}
lb_snapshot() {
  # lb_snapshot DIR FILE... : copies the files that exist into DIR, to put them back if validation fails.
  local dir=$1 f
  shift
  for f in "$@"; do
    if [ -f "$f" ]; then
      mkdir -p "$dir$(dirname "$f")"
      cp -p "$f" "$dir$f"
    fi
  done
}

lb_restore() {
  # lb_restore DIR FILE... : puts the snapshot back; files that did not exist before are removed again.
  local dir=$1 f
  shift
  for f in "$@"; do
    if [ -f "$dir$f" ]; then
      cp -p "$dir$f" "$f"
    else
      rm -f "$f"
    fi
  done
}

lb_apply() {
  # lb_apply SERVICE STATE FILE... : restarts the service when its files differ from the ones it was last
  # restarted with (recorded in STATE), else only makes sure that it is enabled and running. Comparing
  # with the last applied files, not with the files before this run, also catches a run that wrote them
  # but was cut off before the restart.
  local service=$1 state=$2 now
  shift 2
  now=$(kw_fingerprint "$@")
  if [ "$(cat "$state" 2>/dev/null)" != "$now" ]; then
    systemctl enable --quiet "$service"
    systemctl restart "$service" || { journalctl -u "$service" -n 30 --no-pager >&2; return 1; }
    mkdir -p "$(dirname "$state")"
    printf '%s\n' "$now" > "$state"
  elif ! systemctl is-enabled --quiet "$service" || ! systemctl is-active --quiet "$service"; then
    systemctl enable --quiet --now "$service" \
      || { journalctl -u "$service" -n 30 --no-pager >&2; return 1; }
  else
    echo "$service: configuration unchanged, left running"
  fi
}
# The plain nginx package has no stream module: libnginx-mod-stream adds it (loaded through
# /etc/nginx/modules-enabled). nginx-full would pull in a dozen modules nobody uses here.
kw_apt_install nginx libnginx-mod-stream
snapshot=$(mktemp -d)
trap 'rm -rf "$snapshot"' EXIT
lb_snapshot "$snapshot" /etc/nginx/nginx.conf /etc/nginx/stream.d/kubernetes.conf
kw_write_file /etc/nginx/stream.d/kubernetes.conf 0644 <<'KW_EOF'
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
lb_top_level_include() {
  # lb_top_level_include CONF LINE BACKUP : adds LINE to nginx.conf once, at the top level: right after
  # the modules-enabled include (the stream module must be loaded first), else at the end (top level too).
  # Nothing else in the file changes; the original is kept at BACKUP the first time.
  local conf=$1 line=$2 backup=$3 tmp
  if grep -qxF -- "$line" "$conf"; then
    echo "unchanged: $conf"
    return 0
  fi
  if [ ! -e "$backup" ]; then
    mkdir -p "$(dirname "$backup")"
    cp -p "$conf" "$backup"
    echo "original kept: $backup"
  fi
  tmp=$(mktemp)
  awk -v line="$line" '
    { print }
    !done && /^[[:space:]]*include[[:space:]]+[^;]*modules-enabled\/\*\.conf[[:space:]]*;/ {
      print line
      done = 1
    }
    END { if (!done) print line }
  ' "$conf" > "$tmp"
  cat "$tmp" > "$conf"
  rm -f "$tmp"
  echo "written: $conf (top-level include: $line)"
}
lb_top_level_include /etc/nginx/nginx.conf 'include /etc/nginx/stream.d/*.conf;  # kubewizard: stream must be at top level, not inside http' /var/backups/kubewizard/etc/nginx/nginx.conf
if ! nginx -t; then
  lb_restore "$snapshot" /etc/nginx/nginx.conf /etc/nginx/stream.d/kubernetes.conf
  echo 'nginx -t rejected the new configuration (see above); the previous files are back and nginx keeps running unchanged.' >&2
  exit 1
fi
lb_apply nginx /var/lib/kubewizard/lb/nginx.applied /etc/nginx/nginx.conf /etc/nginx/stream.d/kubernetes.conf
if ! kw_retry 10 1 lb_port_answers 127.0.0.1 6443; then
  echo 'nginx runs but nothing answers on port 6443 of this host.' >&2
  exit 1
fi
if ! kw_retry 5 1 lb_port_answers 192.168.1.100 6443; then
  echo 'The endpoint 192.168.1.100:6443 does not answer on this host: the VIP must be one of its own addresses. kubewizard does not add it with ip addr add (lost on reboot, no failover); for a floating VIP choose keepalived mode.' >&2
  exit 1
fi
echo 'nginx forwards 192.168.1.100:6443 to the masters'\'' port 6443.'
