"""Drives a KubeSim cluster with the official Kubernetes Python client, as an application would.

usage: scenario.py <kubeconfig> <namespace>
Prints one line per step; exits non-zero with a traceback when KubeSim answers differently from a real cluster.
"""
import json
import sys
import time

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

kubeconfig, ns = sys.argv[1], sys.argv[2]
config.load_kube_config(config_file=kubeconfig)
core = client.CoreV1Api()
apps = client.AppsV1Api()
extensions = client.ApiextensionsV1Api()
custom = client.CustomObjectsApi()


def step(name):
    print("step:", name, flush=True)


def eventually(check, what, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.2)


def expect_api_error(status, reason, call):
    try:
        call()
    except ApiException as error:
        assert error.status == status, (error.status, error.body)
        body = json.loads(error.body)
        assert body["kind"] == "Status" and body["reason"] == reason and body["code"] == status, body
        return body
    raise AssertionError("expected HTTP %d" % status)


step("list nodes")
nodes = core.list_node()
assert len(nodes.items) > 0 and all(n.metadata.labels.get("kubernetes.io/arch") for n in nodes.items)

step("create namespace")
core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns, labels={"purpose": "python"})))
assert core.read_namespace(ns).status.phase == "Active"

step("configmap create, read, patch, replace")
core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="settings", labels={"app": "web"}), data={"mode": "a"}))
cm = core.read_namespaced_config_map("settings", ns)
assert cm.data == {"mode": "a"}
cm = core.patch_namespaced_config_map("settings", ns, {"data": {"level": "2"}})
assert cm.data == {"mode": "a", "level": "2"}, cm.data
cm.data = {"mode": "b"}
replaced = core.replace_namespaced_config_map("settings", ns, cm)
assert replaced.data == {"mode": "b"} and int(replaced.metadata.resource_version) > int(cm.metadata.resource_version)

step("409 on a stale replace and on a second create, as ApiException with the Status body")
body = expect_api_error(409, "Conflict", lambda: core.replace_namespaced_config_map("settings", ns, cm))
assert "the object has been modified" in body["message"], body
body = expect_api_error(409, "AlreadyExists", lambda: core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="settings"))))
assert body["details"]["name"] == "settings" and body["details"]["kind"] == "configmaps", body

step("404 as ApiException with the Status body")
body = expect_api_error(404, "NotFound", lambda: core.read_namespaced_config_map("absent", ns))
assert body["message"] == 'configmaps "absent" not found', body

step("deployment create, strategic merge patch, merge patch, replace")
container = client.V1Container(name="web", image="nginx:1.27", ports=[client.V1ContainerPort(container_port=80)])
deployment = client.V1Deployment(
    metadata=client.V1ObjectMeta(name="web", labels={"app": "web"}),
    spec=client.V1DeploymentSpec(
        replicas=2,
        selector=client.V1LabelSelector(match_labels={"app": "web"}),
        template=client.V1PodTemplateSpec(metadata=client.V1ObjectMeta(labels={"app": "web"}), spec=client.V1PodSpec(containers=[container]))))
apps.create_namespaced_deployment(ns, deployment)
sidecar = {"spec": {"template": {"spec": {"containers": [{"name": "sidecar", "image": "busybox:1.36"}]}}}}
patched = apps.patch_namespaced_deployment("web", ns, sidecar)
names = [c.name for c in patched.spec.template.spec.containers]
assert names == ["sidecar", "web"] or names == ["web", "sidecar"], names
api = client.ApiClient()
merged = api.call_api(
    "/apis/apps/v1/namespaces/{namespace}/deployments/{name}", "PATCH", {"namespace": ns, "name": "web"},
    header_params={"Content-Type": "application/merge-patch+json", "Accept": "application/json"},
    body={"metadata": {"annotations": {"team": "python"}}}, response_type="V1Deployment", auth_settings=["BearerToken"],
    _return_http_data_only=True)
assert merged.metadata.annotations["team"] == "python" and len(merged.spec.template.spec.containers) == 2


def replace_deployment():
    # The deployment controller writes status between our read and our replace, as on a real cluster: retry on 409.
    for _ in range(20):
        current = apps.read_namespaced_deployment("web", ns)
        current.spec.template.spec.containers = [container]
        try:
            return apps.replace_namespaced_deployment("web", ns, current)
        except ApiException as error:
            if error.status != 409:
                raise
    raise AssertionError("replace kept conflicting")


replaced = replace_deployment()
assert [c.name for c in replaced.spec.template.spec.containers] == ["web"]

step("scale")
apps.patch_namespaced_deployment_scale("web", ns, {"spec": {"replicas": 3}})
assert apps.read_namespaced_deployment_scale("web", ns).spec.replicas == 3
eventually(lambda: (apps.read_namespaced_deployment("web", ns).status.ready_replicas or 0) == 3, "3 ready replicas")

step("label selectors")
pods = core.list_namespaced_pod(ns, label_selector="app=web")
assert len(pods.items) >= 3 and all(p.metadata.labels["app"] == "web" for p in pods.items)
assert core.list_namespaced_pod(ns, label_selector="app in (other)").items == []
assert [c.metadata.name for c in core.list_namespaced_config_map(ns, label_selector="app=web").items] == ["settings"]

step("pod logs")
running = eventually(lambda: [p for p in core.list_namespaced_pod(ns, label_selector="app=web").items if p.status.phase == "Running"], "a running pod")
log = core.read_namespaced_pod_log(running[0].metadata.name, ns, container="web", tail_lines=2)
assert len(log.strip().splitlines()) == 2, log

step("watch pods: ADDED, MODIFIED, DELETED with resource versions")
listed = core.list_namespaced_pod(ns, field_selector="metadata.name=probe")
start = listed.metadata.resource_version
core.create_namespaced_pod(ns, client.V1Pod(metadata=client.V1ObjectMeta(name="probe", labels={"role": "probe"}),
                                            spec=client.V1PodSpec(containers=[client.V1Container(name="probe", image="busybox:1.36")])))
core.patch_namespaced_pod("probe", ns, {"metadata": {"labels": {"seen": "yes"}}})
core.delete_namespaced_pod("probe", ns, grace_period_seconds=0)
seen = []
w = watch.Watch()
for event in w.stream(core.list_namespaced_pod, ns, field_selector="metadata.name=probe", resource_version=start, timeout_seconds=20):
    assert event["object"].metadata.name == "probe"
    seen.append((event["type"], event["object"].metadata.resource_version))
    if event["type"] == "DELETED":
        w.stop()
types = [t for t, _ in seen]
assert types[0] == "ADDED" and "MODIFIED" in types and types[-1] == "DELETED", types
versions = [int(v) for _, v in seen]
assert versions == sorted(versions) and versions[0] > int(start), versions
assert w.resource_version == seen[-1][1], (w.resource_version, seen[-1])

step("watch resumes from a resource version")
first_modified = next(v for t, v in seen if t == "MODIFIED")
resumed = []
w = watch.Watch()
for event in w.stream(core.list_namespaced_pod, ns, field_selector="metadata.name=probe", resource_version=first_modified, timeout_seconds=20):
    resumed.append(event["type"])
    if event["type"] == "DELETED":
        w.stop()
assert resumed[-1] == "DELETED" and "ADDED" not in resumed, resumed

step("CustomObjectsApi on a CRD")
group = "python.kubesim.test"
plural = "widgets" + ns.replace("-", "")[-6:]
crd_name = plural + "." + group
extensions.create_custom_resource_definition({
    "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": {"name": crd_name},
    "spec": {"group": group, "scope": "Namespaced",
             "names": {"plural": plural, "singular": plural[:-1], "kind": "Widget" + plural[7:].capitalize()},
             "versions": [{"name": "v1", "served": True, "storage": True,
                           "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": True}}}]}})
try:
    kind = "Widget" + plural[7:].capitalize()
    def served():
        try:
            custom.list_namespaced_custom_object(group, "v1", ns, plural)
            return True
        except ApiException:
            return False
    eventually(served, "the custom resource served")
    custom.create_namespaced_custom_object(group, "v1", ns, plural, {
        "apiVersion": group + "/v1", "kind": kind, "metadata": {"name": "gear", "labels": {"size": "s"}}, "spec": {"teeth": 12}})
    got = custom.get_namespaced_custom_object(group, "v1", ns, plural, "gear")
    assert got["spec"]["teeth"] == 12 and got["metadata"]["uid"], got
    patched = custom.patch_namespaced_custom_object(group, "v1", ns, plural, "gear", {"spec": {"teeth": 14}})
    assert patched["spec"]["teeth"] == 14, patched
    listed = custom.list_namespaced_custom_object(group, "v1", ns, plural, label_selector="size=s")
    assert [i["metadata"]["name"] for i in listed["items"]] == ["gear"], listed
    custom.delete_namespaced_custom_object(group, "v1", ns, plural, "gear")
    expect_api_error(404, "NotFound", lambda: custom.get_namespaced_custom_object(group, "v1", ns, plural, "gear"))
finally:
    extensions.delete_custom_resource_definition(crd_name)

step("delete deployment and configmap")
apps.delete_namespaced_deployment("web", ns, propagation_policy="Foreground")
core.delete_namespaced_config_map("settings", ns)
expect_api_error(404, "NotFound", lambda: core.read_namespaced_config_map("settings", ns))
eventually(lambda: not [d for d in apps.list_namespaced_deployment(ns).items if d.metadata.name == "web"], "the deployment gone")

step("delete namespace")
core.delete_namespace(ns)
print("scenario passed", flush=True)
