// Drives a KubeSim cluster with @kubernetes/client-node, as an application would.
// usage: node scenario.mjs <kubeconfig> <namespace>
// Prints one line per step; exits non-zero with the error when KubeSim answers differently from a real cluster.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import * as k8s from '@kubernetes/client-node';

const [kubeconfig, ns] = process.argv.slice(2);
const kc = new k8s.KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(k8s.CoreV1Api);
const apps = kc.makeApiClient(k8s.AppsV1Api);
const extensions = kc.makeApiClient(k8s.ApiextensionsV1Api);
const custom = kc.makeApiClient(k8s.CustomObjectsApi);
const mergePatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
const strategicPatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch);

const step = (name) => console.log(`step: ${name}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check, what, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function expectApiError(code, reason, call) {
  try {
    await call();
  } catch (error) {
    assert.ok(error instanceof k8s.ApiException, `not an ApiException: ${error}`);
    assert.equal(error.code, code, String(error.body));
    const status = typeof error.body === 'string' ? JSON.parse(error.body) : error.body;
    assert.equal(status.kind, 'Status');
    assert.equal(status.reason, reason);
    assert.equal(status.code, code);
    return status;
  }
  throw new Error(`expected HTTP ${code}`);
}

// Collects watch events until one matches `until`, then aborts the watch.
function watchUntil(path, query, until) {
  return new Promise((resolve, reject) => {
    const events = [];
    let controller;
    const timer = setTimeout(() => { controller?.abort(); reject(new Error(`watch of ${path} timed out: ${JSON.stringify(events)}`)); }, 20000);
    new k8s.Watch(kc).watch(path, query, (type, object) => {
      events.push({ type, name: object?.metadata?.name, resourceVersion: object?.metadata?.resourceVersion });
      if (until(type, object)) {
        clearTimeout(timer);
        controller?.abort();
        resolve(events);
      }
    }, (error) => {
      if (error && error.name !== 'AbortError') {
        clearTimeout(timer);
        reject(error);
      }
    }).then((c) => { controller = c; }, reject);
  });
}

step('list nodes');
const nodes = await core.listNode();
assert.ok(nodes.items.length > 0);
assert.ok(nodes.items.every((n) => n.metadata.labels['kubernetes.io/arch']));

step('create namespace');
await core.createNamespace({ body: { metadata: { name: ns, labels: { purpose: 'node' } } } });
assert.equal((await core.readNamespace({ name: ns })).status.phase, 'Active');

step('configmap create, read, merge patch, json patch, replace');
await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'settings', labels: { app: 'web' } }, data: { mode: 'a' } } });
let cm = await core.readNamespacedConfigMap({ name: 'settings', namespace: ns });
assert.deepEqual(cm.data, { mode: 'a' });
cm = await core.patchNamespacedConfigMap({ name: 'settings', namespace: ns, body: { data: { level: '2' } } }, mergePatch);
assert.deepEqual(cm.data, { mode: 'a', level: '2' });
cm = await core.patchNamespacedConfigMap({ name: 'settings', namespace: ns, body: [{ op: 'replace', path: '/data/level', value: '3' }] });
assert.equal(cm.data.level, '3');
const stale = structuredClone(cm);
cm.data = { mode: 'b' };
const replaced = await core.replaceNamespacedConfigMap({ name: 'settings', namespace: ns, body: cm });
assert.deepEqual(replaced.data, { mode: 'b' });

step('409 on a stale replace and on a second create, 404 on a missing object');
let status = await expectApiError(409, 'Conflict', () => core.replaceNamespacedConfigMap({ name: 'settings', namespace: ns, body: stale }));
assert.match(status.message, /the object has been modified/);
status = await expectApiError(409, 'AlreadyExists', () => core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'settings' } } }));
assert.equal(status.details.name, 'settings');
status = await expectApiError(404, 'NotFound', () => core.readNamespacedConfigMap({ name: 'absent', namespace: ns }));
assert.equal(status.message, 'configmaps "absent" not found');

step('deployment create, strategic merge patch, merge patch, replace');
const web = { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] };
await apps.createNamespacedDeployment({
  namespace: ns,
  body: {
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [web] } } },
  },
});
let deployment = await apps.patchNamespacedDeployment({
  name: 'web', namespace: ns, body: { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox:1.36' }] } } } },
}, strategicPatch);
assert.deepEqual(deployment.spec.template.spec.containers.map((c) => c.name).sort(), ['sidecar', 'web']);
deployment = await apps.patchNamespacedDeployment({ name: 'web', namespace: ns, body: { metadata: { annotations: { team: 'node' } } } }, mergePatch);
assert.equal(deployment.metadata.annotations.team, 'node');
assert.equal(deployment.spec.template.spec.containers.length, 2);
// The deployment controller writes status between our read and our replace, as on a real cluster: retry on 409.
for (let attempt = 0; ; attempt++) {
  const current = await apps.readNamespacedDeployment({ name: 'web', namespace: ns });
  current.spec.template.spec.containers = [web];
  try {
    deployment = await apps.replaceNamespacedDeployment({ name: 'web', namespace: ns, body: current });
    break;
  } catch (error) {
    if (!(error instanceof k8s.ApiException) || error.code !== 409 || attempt > 20) throw error;
  }
}
assert.deepEqual(deployment.spec.template.spec.containers.map((c) => c.name), ['web']);

step('scale');
await apps.patchNamespacedDeploymentScale({ name: 'web', namespace: ns, body: { spec: { replicas: 3 } } }, mergePatch);
assert.equal((await apps.readNamespacedDeploymentScale({ name: 'web', namespace: ns })).spec.replicas, 3);
await eventually(async () => (await apps.readNamespacedDeployment({ name: 'web', namespace: ns })).status.readyReplicas === 3, '3 ready replicas');

step('label selectors');
const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
assert.ok(pods.items.length >= 3 && pods.items.every((p) => p.metadata.labels.app === 'web'));
assert.equal((await core.listNamespacedPod({ namespace: ns, labelSelector: 'app in (other)' })).items.length, 0);
assert.deepEqual((await core.listNamespacedConfigMap({ namespace: ns, labelSelector: 'app=web' })).items.map((c) => c.metadata.name), ['settings']);

step('pod logs: read and Log stream');
const running = await eventually(async () => (await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' })).items.find((p) => p.status.phase === 'Running'), 'a running pod');
const text = await core.readNamespacedPodLog({ name: running.metadata.name, namespace: ns, container: 'web', tailLines: 2 });
assert.equal(text.trim().split('\n').length, 2, text);
const sink = new PassThrough();
let streamed = '';
sink.on('data', (chunk) => { streamed += chunk; });
await new k8s.Log(kc).log(ns, running.metadata.name, 'web', sink, { follow: false, tailLines: 3 });
await eventually(() => streamed.trim().split('\n').length === 3, 'three streamed log lines', 10);

step('watch pods: ADDED, MODIFIED, DELETED with resource versions');
const start = (await core.listNamespacedPod({ namespace: ns, fieldSelector: 'metadata.name=probe' })).metadata.resourceVersion;
await core.createNamespacedPod({ namespace: ns, body: { metadata: { name: 'probe' }, spec: { containers: [{ name: 'probe', image: 'busybox:1.36' }] } } });
await core.patchNamespacedPod({ name: 'probe', namespace: ns, body: { metadata: { labels: { seen: 'yes' } } } }, mergePatch);
await core.deleteNamespacedPod({ name: 'probe', namespace: ns, gracePeriodSeconds: 0 });
const path = `/api/v1/namespaces/${ns}/pods`;
const query = { fieldSelector: 'metadata.name=probe', allowWatchBookmarks: true };
const seen = await watchUntil(path, { ...query, resourceVersion: start }, (type) => type === 'DELETED');
const changes = seen.filter((e) => e.type !== 'BOOKMARK');
assert.equal(changes[0].type, 'ADDED');
assert.ok(changes.some((e) => e.type === 'MODIFIED'));
assert.equal(changes.at(-1).type, 'DELETED');
const versions = changes.map((e) => Number(e.resourceVersion));
assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
assert.ok(versions[0] > Number(start));

step('watch resumes from a resource version');
const modified = changes.find((e) => e.type === 'MODIFIED').resourceVersion;
const resumed = (await watchUntil(path, { ...query, resourceVersion: modified }, (type) => type === 'DELETED')).filter((e) => e.type !== 'BOOKMARK');
assert.ok(!resumed.some((e) => e.type === 'ADDED'), JSON.stringify(resumed));
assert.equal(resumed.at(-1).type, 'DELETED');

step('CustomObjectsApi on a CRD');
const group = 'node.kubesim.test';
const plural = `gadgets${ns.replace(/-/g, '').slice(-6)}`;
const kind = `Gadget${plural.slice(7)}`;
await extensions.createCustomResourceDefinition({
  body: {
    metadata: { name: `${plural}.${group}` },
    spec: {
      group, scope: 'Namespaced', names: { plural, singular: plural.slice(0, -1), kind },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  },
});
try {
  const crd = { group, version: 'v1', namespace: ns, plural };
  await eventually(() => custom.listNamespacedCustomObject(crd).then(() => true, () => false), 'the custom resource served');
  await custom.createNamespacedCustomObject({ ...crd, body: { apiVersion: `${group}/v1`, kind, metadata: { name: 'cog', labels: { size: 's' } }, spec: { teeth: 12 } } });
  const got = await custom.getNamespacedCustomObject({ ...crd, name: 'cog' });
  assert.equal(got.spec.teeth, 12);
  const patched = await custom.patchNamespacedCustomObject({ ...crd, name: 'cog', body: { spec: { teeth: 14 } } }, mergePatch);
  assert.equal(patched.spec.teeth, 14);
  const listed = await custom.listNamespacedCustomObject({ ...crd, labelSelector: 'size=s' });
  assert.deepEqual(listed.items.map((i) => i.metadata.name), ['cog']);
  await custom.deleteNamespacedCustomObject({ ...crd, name: 'cog' });
  await expectApiError(404, 'NotFound', () => custom.getNamespacedCustomObject({ ...crd, name: 'cog' }));
} finally {
  await extensions.deleteCustomResourceDefinition({ name: `${plural}.${group}` });
}

step('delete deployment and configmap');
await apps.deleteNamespacedDeployment({ name: 'web', namespace: ns, propagationPolicy: 'Foreground' });
await core.deleteNamespacedConfigMap({ name: 'settings', namespace: ns });
await expectApiError(404, 'NotFound', () => core.readNamespacedConfigMap({ name: 'settings', namespace: ns }));
await eventually(async () => !(await apps.listNamespacedDeployment({ namespace: ns })).items.some((d) => d.metadata.name === 'web'), 'the deployment gone');

step('delete namespace');
await core.deleteNamespace({ name: ns });
console.log('scenario passed');
