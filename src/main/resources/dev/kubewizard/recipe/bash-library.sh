# The functions a kubewizard step script may use. A generated script carries only the ones it calls.
# Each block starts with a line "kw_NAME() {" and ends with a line "}".

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

kw_output() {
  # kw_output NAME VALUE : hands a run-time value to kubewizard (secret ones are masked wherever output is shown).
  printf '::kubewizard-output %s=%s\n' "$1" "$2"
}

kw_no_input() {
  echo "kubewizard: the run-time value $1 was not given on standard input" >&2
  exit 3
}

kw_os_codename() {
  sed -n 's/^VERSION_CODENAME=//p' /etc/os-release | tr -d '"'
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
