#!/usr/bin/env bash
# kubewizard · k8s-master1 · harbor/harbor
# 测试从 Harbor 拉取镜像
# Test pulling from Harbor
set -euo pipefail
export LC_ALL=C.UTF-8

kw_no_input() {
  echo "kubewizard: the run-time value $1 was not given on standard input" >&2
  exit 3
}


# Run-time values arrive on standard input, one line each; they are never written down.
IFS= read -r KW_HARBOR_PASSWORD || kw_no_input KW_HARBOR_PASSWORD
exec </dev/null

if [ -z "$KW_HARBOR_PASSWORD" ]; then
  echo "kubewizard: no Harbor password was given" >&2
  exit 3
fi
HARBOR_HOST='harbor.labworlds.cc'
HARBOR_USER='admin'
NAMESPACE='kubewizard-harbor-check'

kubectl_admin() {
  kubectl --kubeconfig /etc/kubernetes/admin.conf "$@"
}

# A kubernetes.io/dockerconfigjson secret built here: "kubectl create secret docker-registry
# --docker-password=..." would put the password on a command line. printf is a bash builtin.
pull_secret() {
  local auth config
  auth=$(printf '%s:%s' "$HARBOR_USER" "$KW_HARBOR_PASSWORD" | base64 -w0)
  config=$(printf '{"auths":{"%s":{"auth":"%s"}}}' "$HARBOR_HOST" "$auth" | base64 -w0)
  printf '%s\n' "apiVersion: v1" "kind: Secret" "metadata:" "  name: harbor-pull" "  namespace: $1" \
    "type: kubernetes.io/dockerconfigjson" "data:" "  .dockerconfigjson: $config"
}

# Pods need the pod network: wait for Calico first.
kubectl_admin -n kube-system rollout status daemonset/calico-node --timeout=600s

kubectl_admin delete namespace "$NAMESPACE" --ignore-not-found --wait=true --timeout=180s
kubectl_admin create namespace "$NAMESPACE"
trap 'kubectl_admin delete namespace "$NAMESPACE" --ignore-not-found --wait=true --timeout=180s || true' EXIT
pull_secret "$NAMESPACE" | kubectl_admin apply -f -

# One pod on every node (masters too) pulls the test image with the secret, as any workload would.
kubectl_admin apply -f - <<'KW_EOF'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: harbor-pull-test
  namespace: kubewizard-harbor-check
spec:
  selector:
    matchLabels:
      app: harbor-pull-test
  template:
    metadata:
      labels:
        app: harbor-pull-test
    spec:
      tolerations:
        - operator: Exists
      imagePullSecrets:
        - name: harbor-pull
      terminationGracePeriodSeconds: 1
      containers:
        - name: pull
          image: "harbor.labworlds.cc/go-starter/dev:lbw-v1.0"
          imagePullPolicy: Always
KW_EOF

pulled=0
deadline=$((SECONDS + 300))
while :; do
  report=$(kubectl_admin -n "$NAMESPACE" get pods -l app=harbor-pull-test -o \
    jsonpath='{range .items[*]}{.metadata.name}{"|"}{.spec.nodeName}{"|"}{.status.containerStatuses[0].imageID}{"|"}{.status.containerStatuses[0].state.waiting.reason}{"\n"}{end}')
  pulled=0
  failed=()
  while IFS='|' read -r pod node image reason; do
    [ -n "$pod" ] || continue
    if [ -n "$image" ]; then
      pulled=$((pulled + 1))
    else
      case "$reason" in
        ErrImagePull | ImagePullBackOff | InvalidImageName | RegistryUnavailable) failed+=("$pod $node") ;;
      esac
    fi
  done <<<"$report"
  if [ "${#failed[@]}" -gt 0 ]; then
    for entry in "${failed[@]}"; do
      echo "kubewizard: $HARBOR_HOST: the pull failed on node ${entry#* }:" >&2
      kubectl_admin -n "$NAMESPACE" get events --field-selector "involvedObject.name=${entry% *}" \
        -o custom-columns=REASON:.reason,MESSAGE:.message --no-headers >&2 || true
    done
    exit 1
  fi
  if [ "$pulled" -ge 5 ]; then
    break
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "kubewizard: after 5 minutes the test image was pulled on $pulled of 5 nodes:" >&2
    kubectl_admin -n "$NAMESPACE" get pods -o wide >&2 || true
    exit 1
  fi
  sleep 3
done
echo "pulled harbor.labworlds.cc/go-starter/dev:lbw-v1.0 on all 5 nodes"

# The pull secret stays in the default namespace; the default service account uses it.
pull_secret default | kubectl_admin apply -f -
current=$(kubectl_admin -n default get serviceaccount default -o jsonpath='{.imagePullSecrets[*].name}')
if [[ " $current " == *" harbor-pull "* ]]; then
  echo "the default service account already uses harbor-pull"
elif [ -z "$current" ]; then
  kubectl_admin -n default patch serviceaccount default --type merge \
    -p '{"imagePullSecrets":[{"name":"harbor-pull"}]}'
else
  kubectl_admin -n default patch serviceaccount default --type json \
    -p '[{"op":"add","path":"/imagePullSecrets/-","value":{"name":"harbor-pull"}}]'
fi
