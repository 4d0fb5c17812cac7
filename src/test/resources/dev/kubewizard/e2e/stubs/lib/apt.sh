# shellcheck shell=bash
# apt's part of the e2e stand-ins, shared by apt-get and apt-cache: the sources as apt reads them and the package
# indexes apt-get update "downloads" into /var/lib/apt/lists, one per repository, with what that repository offers.

STUB_LISTS=/var/lib/apt/lists

stub_os_codename() {
  sed -n 's/^VERSION_CODENAME=//p' /etc/os-release | tr -d '"'
}

stub_apt_sources() {
  # one line per repository: URI SUITE SIGNED-BY (- for none)
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk '
      /^[[:space:]]*deb[[:space:]]/ {
        signed = "-"
        i = 2
        if ($2 ~ /^\[/) {
          while (i <= NF) {
            if ($i ~ /signed-by=/) { s = $i; sub(/.*signed-by=/, "", s); sub(/\]$/, "", s); signed = s }
            if ($i ~ /\]$/) { i++; break }
            i++
          }
        }
        print $i, $(i + 1), signed
      }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk '
      function flush(   nu, ns, u, s, a, b) {
        if (types ~ /(^|[[:space:]])deb([[:space:]]|$)/ && enabled != "no") {
          nu = split(uris, a, /[[:space:]]+/)
          ns = split(suites, b, /[[:space:]]+/)
          for (u = 1; u <= nu; u++)
            for (s = 1; s <= ns; s++)
              if (a[u] != "" && b[s] != "") print a[u], b[s], (signed == "" ? "-" : signed)
        }
        types = ""; uris = ""; suites = ""; signed = ""; enabled = ""
      }
      /^[[:space:]]*#/ { next }
      /^[[:space:]]*$/ { flush(); next }
      {
        key = $1
        sub(/:$/, "", key)
        val = $0
        sub(/^[^:]*:[[:space:]]*/, "", val)
      }
      key == "Types" { types = val }
      key == "URIs" { uris = val }
      key == "Suites" { suites = val }
      key == "Signed-By" { signed = val }
      key == "Enabled" { enabled = val }
      END { flush() }' "$f"
  done
}

stub_list_base() {
  # stub_list_base URI SUITE : the file name prefix apt gives the repository's files in /var/lib/apt/lists
  local base=${1#*://}
  base=${base%/}
  base=${base//\//_}
  if [ "$2" = / ]; then echo "${base}_"; else echo "${base}_dists_${2}_"; fi
}

stub_repository_packages() {
  # stub_repository_packages URI SUITE : "package version" lines, what the repository offers
  local minor patch p
  case "$1" in
    *docker*)
      echo "containerd.io $STUB_CONTAINERD_VERSION"
      ;;
    *kubernetes* | *pkgs.k8s.io*)
      minor=$(sed -n 's|.*/v1\.\([0-9][0-9]*\)/deb.*|\1|p' <<< "$1")
      [ -n "$minor" ] || return 0
      patch=3
      if [ "1.$minor" = "${STUB_KUBERNETES_VERSION%.*}" ]; then patch=${STUB_KUBERNETES_VERSION##*.}; fi
      for p in $(seq 0 "$patch"); do
        printf '%s 1.%s.%s-1.1\n' kubelet "$minor" "$p" kubeadm "$minor" "$p" kubectl "$minor" "$p"
      done
      echo "cri-tools 1.$minor.0-1.1"
      echo "kubernetes-cni 1.7.1-1.1"
      ;;
    *)
      if [ "$2" = "$(stub_os_codename)" ]; then
        printf '%s\n' "ca-certificates 20240203" "curl 8.5.0-2ubuntu10.6" "gnupg 2.4.4-2ubuntu17.3" \
          "chrony 4.5-1ubuntu4.2" "conntrack 1:1.4.8-1ubuntu1" "iptables 1.8.10-3ubuntu2" \
          "iproute2 6.1.0-1ubuntu6.2" "ethtool 1:6.7-1build1" "nginx 1.24.0-2ubuntu7.5" \
          "libnginx-mod-stream 1.24.0-2ubuntu7.5" "ufw 0.36.2-6"
      fi
      ;;
  esac
}

stub_available() {
  # stub_available PACKAGE : "version repository-uri" lines, newest first, from the indexes apt-get update made
  local f
  for f in "$STUB_LISTS"/*_Packages; do
    [ -f "$f" ] || continue
    awk -v pkg="$1" 'NR == 1 { uri = $2; next } $1 == pkg { print $2, uri }' "$f"
  done | sort -rV -k1,1
}
