using Dce.KubeSim.Tests.Infrastructure;
using Dce.Multicloud.Engine.Crds;

namespace Dce.KubeSim.Tests.Kubectl;

/// <summary>An API-server-only cluster holding Karmada's objects, listed by kubectl as a Karmada API server lists them.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class KarmadaControlPlaneTests(ControlPlaneServer server)
{
    private const string BindingConditions = """{"type":"Scheduled","status":"True","reason":"Success"},{"type":"FullyApplied","status":"True","reason":"FullyAppliedSuccess"}""";

    [Fact]
    public async Task Karmadas_objects_are_listed_with_Karmadas_columns_and_short_names()
    {
        var kubectl = server.Kubectl(ControlPlaneServer.ControlPlane);
        foreach (var definition in KarmadaCrds.All)
        {
            await kubectl.ApplyAsync(definition);
        }
        await kubectl.OkAsync(["wait", "--for", "condition=established", "--timeout=60s", .. KarmadaCrds.Names.Select(n => "crd/" + n)]);
        var ns = Manifests.UniqueNamespace("karmada");
        var execution = Manifests.UniqueNamespace("karmada-es-member1");
        await kubectl.OkAsync("create", "namespace", ns);
        await kubectl.OkAsync("create", "namespace", execution);

        await kubectl.ApplyAsync(KarmadaObjects(ns, execution));
        await kubectl.OkAsync("-n", ns, "patch", "rb", "nginx-deployment", "--subresource=status", "--type=merge", "-p",
            """{"status":{"conditions":[""" + BindingConditions + "]}}");
        await kubectl.OkAsync("-n", execution, "patch", "works.work.karmada.io", "nginx", "--subresource=status", "--type=merge", "-p",
            """{"status":{"conditions":[{"type":"Applied","status":"True","reason":"AppliedSuccessful"}]}}""");
        await kubectl.OkAsync("patch", "clusters.cluster.karmada.io", "member1", "--subresource=status", "--type=merge", "-p",
            """{"status":{"kubernetesVersion":"v1.32.2","conditions":[{"type":"Ready","status":"True","reason":"ClusterReady"}]}}""");

        var listed = Rows(await kubectl.OkAsync("get", "propagationpolicies,resourcebindings,works", "-A"));
        var clusters = Rows(await kubectl.OkAsync("get", "clusters.cluster.karmada.io"));

        Assert.Contains(["NAMESPACE", "NAME", "AGE"], listed);
        Assert.Contains(["NAMESPACE", "NAME", "SCHEDULED", "FULLYAPPLIED", "AGE"], listed);
        Assert.Contains(["NAMESPACE", "NAME", "WORKLOAD-KIND", "APPLIED", "AGE"], listed);
        Assert.Contains([ns, "propagationpolicy.policy.karmada.io/nginx-propagation"], listed.Select(r => r[..2]));
        Assert.Contains([ns, "resourcebinding.work.karmada.io/nginx-deployment", "True", "True"], listed.Select(r => r[..^1]));
        Assert.Contains([execution, "work.work.karmada.io/nginx", "Deployment", "True"], listed.Select(r => r[..^1]));
        Assert.Equal(["NAME", "VERSION", "MODE", "READY", "AGE"], clusters[0]);
        Assert.Equal(["member1", "v1.32.2", "Push", "True"], clusters[1][..^1]);
        Assert.Equal("propagationpolicy.policy.karmada.io/nginx-propagation", (await kubectl.OkAsync("-n", ns, "get", "pp", "-o", "name")).Trim());
        Assert.Equal("resourcebinding.work.karmada.io/nginx-deployment", (await kubectl.OkAsync("-n", ns, "get", "rb", "-o", "name")).Trim());
    }

    private static List<string[]> Rows(string table) =>
        table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

    private static string KarmadaObjects(string ns, string execution) => $"""
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata:
          name: nginx-propagation
          namespace: {ns}
        spec:
          resourceSelectors:
          - apiVersion: apps/v1
            kind: Deployment
            name: nginx
          placement:
            clusterAffinity:
              clusterNames: [member1]
        ---
        apiVersion: work.karmada.io/v1alpha2
        kind: ResourceBinding
        metadata:
          name: nginx-deployment
          namespace: {ns}
        spec:
          resource:
            apiVersion: apps/v1
            kind: Deployment
            name: nginx
            namespace: {ns}
          replicas: 2
          clusters:
          - name: member1
            replicas: 2
        ---
        apiVersion: work.karmada.io/v1alpha1
        kind: Work
        metadata:
          name: nginx
          namespace: {execution}
        spec:
          workload:
            manifests:
            - apiVersion: apps/v1
              kind: Deployment
              metadata:
                name: nginx
                namespace: {ns}
              spec:
                replicas: 2
        ---
        apiVersion: cluster.karmada.io/v1alpha1
        kind: Cluster
        metadata:
          name: member1
        spec:
          apiEndpoint: https://member1.example:6443
          syncMode: Push
        """;
}
