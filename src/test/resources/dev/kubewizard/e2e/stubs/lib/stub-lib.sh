# shellcheck shell=bash
# Shared by the e2e stand-ins in /usr/local/bin of a test host: the programs an Ubuntu node would have that cannot run
# on the test machine. Each one logs its call, keeps the machine's state where the real program would (dpkg's
# database, systemd's unit links under /etc, runtime state under /run) and answers as the real program does.
#
# The call log (/var/log/kubewizard-stubs/calls.log), one tab-separated line per event:
#   <epoch microseconds> <pid> start <program> <arguments, shell-quoted>
#   <epoch microseconds> <pid> note  <program> <what the call saw: a digest of its standard input, a summary>
#   <epoch microseconds> <pid> end   <program> rc=<exit code>
# Secrets never go into it: a stand-in that receives one logs its sha256 only.

STUB_HOME=/usr/local/lib/kubewizard-stubs
STUB_STATE=/var/lib/kubewizard-stubs
# shellcheck disable=SC2034 # used by the stand-ins that source this file
STUB_RUN=/run/kubewizard-stubs
STUB_LOG=/var/log/kubewizard-stubs/calls.log
# shellcheck source=/dev/null
. "$STUB_HOME/stub.conf"
: "${STUB_CLUSTER:?}" "${STUB_CONTAINERD_VERSION:?}" "${STUB_KUBERNETES_VERSION:?}"

stub_now() {
  printf '%s' "${EPOCHREALTIME/./}"
}

stub_log() {
  # stub_log EVENT TEXT
  mkdir -p "${STUB_LOG%/*}"
  {
    flock 9
    printf '%s\t%s\t%s\t%s\t%s\n' "$(stub_now)" "$$" "$1" "$STUB_PROG" "$2" >&9
  } 9>> "$STUB_LOG"
}

stub_note() {
  stub_log note "$*"
}

stub_begin() {
  # stub_begin PROGRAM "$@" : logs the call, then runs the fault the test injected for this program, if any.
  STUB_PROG=$1
  shift
  local args=""
  if [ $# -gt 0 ]; then
    args=$(printf '%q ' "$@")
    args=${args% }
  fi
  stub_log start "$args"
  trap 'stub_log end "rc=$?"' EXIT
  if [ -f "$STUB_HOME/faults/$STUB_PROG.sh" ]; then
    # shellcheck source=/dev/null
    . "$STUB_HOME/faults/$STUB_PROG.sh" "$@"
  fi
}

stub_once() {
  # stub_once NAME : true the first time only (for faults that happen once)
  mkdir -p "$STUB_STATE/once"
  mkdir "$STUB_STATE/once/$1" 2> /dev/null
}

stub_sha() {
  printf '%s' "$1" | sha256sum | cut -c1-64
}

stub_root() {
  # stub_root MESSAGE : the real program refuses to change anything for a normal user
  if [ "$(id -u)" != 0 ]; then
    echo "$1" >&2
    exit 1
  fi
}

stub_installed() {
  [ -f "$STUB_STATE/dpkg/$1" ]
}

stub_version() {
  cat "$STUB_STATE/dpkg/$1"
}

stub_need_package() {
  # stub_need_package PACKAGE : the program exists only once its package is installed
  if ! stub_installed "$1"; then
    echo "bash: $STUB_PROG: command not found" >&2
    exit 127
  fi
}

stub_cluster_lock() {
  # stub_cluster_lock COMMAND... : runs the command holding the fake cluster's lock (its "etcd" is shared)
  mkdir -p "$STUB_CLUSTER"
  (
    flock 8
    "$@"
  ) 8> "$STUB_CLUSTER/.lock"
}

stub_issued() {
  # stub_issued KIND VALUE : the fake cluster's own record of the secrets it made (outside every test host), so the
  # test knows what must never appear anywhere
  printf '%s %s\n' "$1" "$2" >> "$STUB_CLUSTER/issued-secrets"
}

stub_random() {
  # stub_random ALPHABET LENGTH
  local out=""
  while [ "${#out}" -lt "$2" ]; do
    out+=$(head -c 256 /dev/urandom | tr -dc "$1" | head -c "$(($2 - ${#out}))")
  done
  printf '%s' "$out"
}

stub_tcp_ask() {
  # stub_tcp_ask HOST PORT REQUEST : one line to a fake API server and its one-line answer (the real network path)
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2" && printf "%s\n" "$3" >&3 && IFS= read -r answer <&3 && printf "%s\n" "$answer"' \
    _ "$1" "$2" "$3" 2> /dev/null
}
