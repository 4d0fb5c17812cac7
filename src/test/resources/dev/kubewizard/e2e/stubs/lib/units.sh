# shellcheck shell=bash
# systemd's part of the e2e stand-ins, shared by systemctl and apt-get (whose package scripts enable and start
# services, as Ubuntu's do): enabled = the link under /etc/systemd/system, as systemd keeps it; active = a mark under
# /run. nginx is the real nginx of the test machine, run inside the host; the others only remember what they loaded.

stub_unit_name() {
  local unit=${1%.service}
  case "$unit" in
    chrony | chronyd) echo chrony ;;
    *) echo "$unit" ;;
  esac
}

stub_unit_package() {
  case "$1" in
    chrony) echo chrony ;;
    containerd) echo containerd.io ;;
    kubelet) echo kubelet ;;
    nginx) echo nginx ;;
    ufw) echo ufw ;;
    ssh) echo openssh-server ;;
    *) echo "" ;;
  esac
}

stub_unit_exists() {
  local package
  package=$(stub_unit_package "$1")
  [ -n "$package" ] && stub_installed "$package"
}

stub_unit_link() {
  echo "/etc/systemd/system/multi-user.target.wants/$1.service"
}

stub_unit_enabled() {
  [ -L "$(stub_unit_link "$1")" ]
}

stub_unit_enable() {
  local link
  link=$(stub_unit_link "$1")
  if [ ! -L "$link" ]; then
    mkdir -p "${link%/*}"
    ln -s "/usr/lib/systemd/system/$1.service" "$link"
    echo "Created symlink $link → /usr/lib/systemd/system/$1.service."
  fi
}

stub_unit_disable() {
  local link
  link=$(stub_unit_link "$1")
  if [ -L "$link" ]; then
    rm -f "$link"
    echo "Removed \"$link\"."
  fi
}

stub_nginx_running() {
  [ -s /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2> /dev/null
}

stub_nginx_stop() {
  local pid
  stub_nginx_running || return 0
  pid=$(cat /run/nginx.pid)
  nginx -s quit 2> /dev/null || kill "$pid" 2> /dev/null || true
  for _ in $(seq 50); do
    kill -0 "$pid" 2> /dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2> /dev/null || true
}

stub_unit_active() {
  case "$1" in
    nginx) stub_nginx_running ;;
    *) [ -f "$STUB_RUN/active/$1" ] ;;
  esac
}

stub_unit_fail() {
  rm -f "$STUB_RUN/active/$1"
  echo "Job for $1.service failed because the control process exited with error code." >&2
  echo "See \"systemctl status $1.service\" and \"journalctl -xeu $1.service\" for details." >&2
  return 1
}

stub_containerd_major() {
  local v=${STUB_CONTAINERD_VERSION%%-*}
  echo "${v%%.*}"
}

stub_cri_status() {
  # ok, disabled or error: the CRI plugin as containerd loaded it from its config file at its last start (disabled by
  # the containerd.io package's own file; broken when registry mirrors sit beside config_path)
  local settings
  settings=$(grep -v '^[[:space:]]*#' "$STUB_RUN/containerd.loaded" || true)
  if grep -Eq '^[[:space:]]*disabled_plugins[[:space:]]*=.*"cri"' <<< "$settings"; then
    echo disabled
  elif grep -q 'config_path' <<< "$settings" && grep -q 'registry\.mirrors' <<< "$settings"; then
    echo error
  else
    echo ok
  fi
}

stub_unit_start() {
  # stub_unit_start UNIT : (re)starts it with its configuration as it is now
  mkdir -p "$STUB_RUN/active"
  case "$1" in
    nginx)
      nginx -t -q 2> /dev/null || { stub_nginx_stop; stub_unit_fail nginx; return 1; }
      stub_nginx_stop
      nginx < /dev/null > /dev/null 2>&1 || { stub_unit_fail nginx; return 1; }
      ;;
    containerd)
      local version=1
      if [ -f /etc/containerd/config.toml ]; then
        version=$(awk -F= '/^[[:space:]]*version[[:space:]]*=/ { gsub(/[[:space:]]/, "", $2); print $2; exit }' \
          /etc/containerd/config.toml)
        version=${version:-1}
      fi
      if [ "$version" -gt 2 ] && [ "$(stub_containerd_major)" -lt 2 ]; then
        echo "containerd: failed to load TOML from /etc/containerd/config.toml: unsupported config version \`$version\`" \
          > "$STUB_RUN/containerd.log"
        stub_unit_fail containerd
        return 1
      fi
      cp /etc/containerd/config.toml "$STUB_RUN/containerd.loaded" 2> /dev/null || : > "$STUB_RUN/containerd.loaded"
      touch "$STUB_RUN/active/containerd"
      ;;
    chrony)
      # the sources chronyd reads: its own file and the files of every sourcedir
      {
        awk '$1 == "server" || $1 == "pool" || $1 == "peer" { print $2 }' /etc/chrony/chrony.conf 2> /dev/null
        for dir in $(awk '$1 == "sourcedir" { print $2 }' /etc/chrony/chrony.conf 2> /dev/null); do
          cat "$dir"/*.sources 2> /dev/null | awk '$1 == "server" || $1 == "pool" || $1 == "peer" { print $2 }' || true
        done
      } > "$STUB_RUN/chrony.sources"
      touch "$STUB_RUN/active/chrony"
      ;;
    kubelet)
      # without /var/lib/kubelet/config.yaml (kubeadm init or join writes it) the kubelet only crash-loops
      if [ -f /var/lib/kubelet/config.yaml ]; then touch "$STUB_RUN/active/kubelet"; fi
      ;;
    *)
      touch "$STUB_RUN/active/$1"
      ;;
  esac
}

stub_unit_stop() {
  case "$1" in
    nginx) stub_nginx_stop ;;
  esac
  rm -f "$STUB_RUN/active/$1"
}
