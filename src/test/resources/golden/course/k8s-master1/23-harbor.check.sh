#!/usr/bin/env bash
# kubewizard · k8s-master1 · harbor/harbor · check (exit 0 = already done, changes nothing)
# 测试从 Harbor 拉取镜像
# Test pulling from Harbor
set -euo pipefail
export LC_ALL=C.UTF-8

kubectl_admin() {
  kubectl --kubeconfig /etc/kubernetes/admin.conf "$@"
}
[ "$(kubectl_admin -n default get secret harbor-pull -o jsonpath='{.type}')" = kubernetes.io/dockerconfigjson ]
config=$(kubectl_admin -n default get secret harbor-pull -o jsonpath='{.data.\.dockerconfigjson}' | base64 -d)
[[ $config == *'"auths":{"harbor.labworlds.cc":'* ]]
current=$(kubectl_admin -n default get serviceaccount default -o jsonpath='{.imagePullSecrets[*].name}')
[[ " $current " == *" harbor-pull "* ]]
