using k8s;
using k8s.Autorest;

namespace Dce.ContainerManagement.Kubernetes.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ManifestApplierTests(ClusterFixture fixture)
{
    private IKubernetes Client => fixture.C1;

    private const string ThreeDocuments = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          mode: prod
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          selector:
            app: web
          ports:
          - port: 80
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: existing
        stringData:
          token: abc
        """;

    [Fact]
    public async Task Conflict_in_document_three_rolls_back_documents_one_and_two()
    {
        var ns = await fixture.NamespaceAsync(Client);
        await SecretOperations.CreateAsync(Client, ns, "existing", new Dictionary<string, string> { ["token"] = "old" });

        var result = await ManifestApplier.ApplyAsync(Client, ThreeDocuments, ns);

        Assert.False(result.Succeeded);
        Assert.Equal(409, result.StatusCode);
        Assert.Contains("already exists", result.Message, StringComparison.Ordinal);
        Assert.Contains("document 3 (Secret \"existing\") was refused", result.Message, StringComparison.Ordinal);
        Assert.Contains("Documents 1-2 had been applied and were undone.", result.Message, StringComparison.Ordinal);
        Assert.Empty(result.Applied);
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => ConfigMapOperations.GetAsync(Client, ns, "settings"));
        Assert.Equal(404, (int)missing.Response.StatusCode);
        await Assert.ThrowsAsync<HttpOperationException>(() => ServiceOperations.GetAsync(Client, ns, "web"));
    }

    [Fact]
    public async Task Manifest_without_conflict_creates_every_document()
    {
        var ns = await fixture.NamespaceAsync(Client);

        var result = await ManifestApplier.ApplyAsync(Client, ThreeDocuments, ns);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(["ConfigMap", "Service", "Secret"], result.Applied.Select(a => a.Kind));
        Assert.Equal("prod", (await ConfigMapOperations.GetAsync(Client, ns, "settings")).Data["mode"]);
    }

    [Fact]
    public async Task Malformed_yaml_is_a_400_and_creates_nothing()
    {
        var ns = await fixture.NamespaceAsync(Client);
        const string yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: first
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: [name: broken
            """;

        var result = await ManifestApplier.ApplyAsync(Client, yaml, ns);

        Assert.False(result.Succeeded);
        Assert.Equal(400, result.StatusCode);
        Assert.StartsWith("invalid manifest", result.Message, StringComparison.Ordinal);
        Assert.Empty(await ConfigMapOperations.ListAsync(Client, ns));
    }

    [Fact]
    public async Task Invalid_names_and_unsupported_kinds_are_refused_before_any_call()
    {
        var ns = await fixture.NamespaceAsync(Client);
        const string yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: fine
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: Not_Valid
            """;

        var badName = await ManifestApplier.ApplyAsync(Client, yaml, ns);
        var badKind = await ManifestApplier.ApplyAsync(Client, """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}""", ns);

        Assert.Equal(400, badName.StatusCode);
        Assert.Contains("document 2", badName.Message, StringComparison.Ordinal);
        Assert.Equal(400, badKind.StatusCode);
        Assert.Empty(await ConfigMapOperations.ListAsync(Client, ns));
    }

    [Fact]
    public async Task Json_manifest_creates_a_deployment()
    {
        var ns = await fixture.NamespaceAsync(Client);
        const string json = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api"},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"api"}},
                     "template":{"metadata":{"labels":{"app":"api"}},"spec":{"containers":[{"name":"api","image":"api:1"}]}}}}
            """;

        var result = await WorkloadOperations.ApplyManifestAsync(Client, json, ns, ManifestApplyMode.Create);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("api", Assert.Single(await WorkloadOperations.ListAsync(Client, WorkloadKind.Deployment, ns)).Name);
    }

    [Fact]
    public async Task Failed_update_restores_the_previous_versions()
    {
        var ns = await fixture.NamespaceAsync(Client);
        await ConfigMapOperations.CreateAsync(Client, ns, "settings", new Dictionary<string, string> { ["mode"] = "dev" });
        const string yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              mode: prod
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: absent
            data:
              mode: prod
            """;

        var result = await ManifestApplier.ApplyAsync(Client, yaml, ns, ManifestApplyMode.Update);

        Assert.False(result.Succeeded);
        Assert.Equal(404, result.StatusCode);
        Assert.Equal("dev", (await ConfigMapOperations.GetAsync(Client, ns, "settings")).Data["mode"]);
    }
}
