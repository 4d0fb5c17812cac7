#!/usr/bin/env bash
# kubewizard · k8s-lb · prep/hosts
# 编辑 /etc/hosts，添加所有节点映射
# Map every node in /etc/hosts
set -euo pipefail
export LC_ALL=C.UTF-8

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


prep_hosts_merge() {
  awk -v blockfile="$1" -v names="$2" '
    BEGIN {
      n = split(names, list, " ")
      for (i = 1; i <= n; i++) plan[list[i]] = 1
      while ((getline b < blockfile) > 0) block[++blen] = b
      close(blockfile)
    }
    !inblock && /^# BEGIN kubewizard/ { inblock = 1; held = 0; held_line[++held] = $0; next }
    inblock {
      held_line[++held] = $0
      if ($0 ~ /^# END kubewizard/) { inblock = 0; if (!at) at = count + 1 }
      next
    }
    { keep($0) }
    END {
      if (inblock) for (i = 1; i <= held; i++) keep(held_line[i])
      pos = at
      if (conflict && (!pos || conflict < pos)) pos = conflict
      if (!pos) pos = count + 1
      for (i = 1; i <= count + 1; i++) {
        if (i == pos) for (j = 1; j <= blen; j++) print block[j]
        if (i <= count) print out[i]
      }
    }
    function keep(line,    body, c, nf, f, i, kept, named, dropped) {
      body = line
      c = index(line, "#")
      if (c > 0) body = substr(line, 1, c - 1)
      nf = split(body, f, " ")
      if (nf >= 2 && (f[1] ~ /^127[.]/ || f[1] == "::1")) {
        kept = f[1]; named = 0; dropped = 0
        for (i = 2; i <= nf; i++) {
          if (f[i] in plan) dropped = 1
          else { kept = kept " " f[i]; named = 1 }
        }
        if (dropped && named) line = kept (c > 0 ? " " substr(line, c) : "")
        else if (dropped) line = "#" line "  # kubewizard: these names map to their plan addresses"
      } else if (nf >= 2 && !conflict) {
        for (i = 2; i <= nf; i++) if (f[i] in plan) { conflict = count + 1; break }
      }
      out[++count] = line
    }'
}

block=$(mktemp)
merged=$(mktemp)
trap 'rm -f "$block" "$merged"' EXIT
cat > "$block" <<'KW_EOF'
# BEGIN kubewizard (kubewizard rewrites these lines from the plan; edit the plan, not here)
192.168.1.101   k8s-master1
192.168.1.102   k8s-master2
192.168.1.103   k8s-master3
192.168.1.201   k8s-node1
192.168.1.202   k8s-node2
192.168.1.100   k8s-lb
192.168.1.100   k8s-api.cluster.local
# END kubewizard
KW_EOF
prep_hosts_merge "$block" 'k8s-master1 k8s-master2 k8s-master3 k8s-node1 k8s-node2 k8s-lb k8s-api.cluster.local' < /etc/hosts > "$merged"
kw_write_file /etc/hosts 0644 < "$merged"
getent hosts k8s-master1 k8s-master2 k8s-master3 k8s-node1 k8s-node2 k8s-lb k8s-api.cluster.local
