using k8s;

namespace Dce.ContainerManagement.Kubernetes.Tests;

/// <summary>What a manifest may hold is decided before anything reaches a cluster, and agrees with the cluster's own discovery.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Security")]
public sealed class ManifestReaderTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Every_supported_kind_has_the_scope_the_clusters_discovery_reports()
    {
        var client = fixture.C1;
        var discovered = new Dictionary<string, k8s.Models.V1APIResourceList>
        {
            ["v1"] = await client.CoreV1.GetAPIResourcesAsync(),
            ["apps/v1"] = await client.AppsV1.GetAPIResourcesAsync(),
            ["batch/v1"] = await client.BatchV1.GetAPIResourcesAsync(),
            ["networking.k8s.io/v1"] = await client.NetworkingV1.GetAPIResourcesAsync(),
            ["autoscaling/v2"] = await client.AutoscalingV2.GetAPIResourcesAsync(),
        };

        foreach (var kind in ManifestReader.SupportedKinds)
        {
            var resource = discovered[kind.ApiVersion].Resources.Single(r => r.Kind == kind.Kind && !r.Name.Contains('/', StringComparison.Ordinal));
            Assert.True(resource.Namespaced == kind.Namespaced, $"{kind.ApiVersion}/{kind.Kind}: the cluster says namespaced={resource.Namespaced}");
        }
    }

    [Fact]
    public void A_yaml_syntax_error_names_its_line_so_an_editor_can_mark_it()
    {
        var yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n  labels: key: value\n";

        var reading = ManifestReader.Read(yaml, "default");

        Assert.False(reading.Succeeded);
        Assert.Contains("at line 5", reading.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_ten_thousand_levels_deep_is_refused_without_deserializing_it()
    {
        var yaml = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n  managedFields:\n  - manager: deep\n    fieldsV1: {new string('[', 10_000)}{new string(']', 10_000)}\n";

        var reading = ManifestReader.Read(yaml, "default");

        Assert.False(reading.Succeeded);
        Assert.Contains($"deeper than {ManifestLimits.MaxDepth} levels", reading.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\ndata:\n  a: b\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: open\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n bad-indent: b\n")]
    public void Broken_yaml_is_refused_as_invalid_yaml_not_as_a_failure(string yaml)
    {
        var reading = ManifestReader.Read(yaml, "default");
        var parsing = Assert.Throws<ManifestShapeException>(() => ObjectDocument.Parse(yaml));

        Assert.False(reading.Succeeded);
        Assert.Contains("invalid YAML", reading.Problem, StringComparison.Ordinal);
        Assert.Contains("invalid YAML", parsing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_manifests_are_bounded_in_depth_and_documents()
    {
        var deep = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep","managedFields":[{"fieldsV1":"""
            + new string('[', 200) + new string(']', 200) + "}]}}";
        var many = "[" + string.Join(",", Enumerable.Range(1, 101).Select(i => "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c" + i + "\"}}")) + "]";

        var deepReading = ManifestReader.Read(deep, "default");
        var manyReading = ManifestReader.Read(many, "default");

        Assert.Contains("depth of 64", deepReading.Problem, StringComparison.Ordinal);
        Assert.Contains("more than 100 documents", manyReading.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_namespaced_object_without_a_namespace_goes_to_the_routes_namespace()
    {
        var reading = ManifestReader.Read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n", "team-a");

        Assert.True(reading.Succeeded, reading.Problem);
        Assert.Equal("team-a", Assert.Single(reading.Documents).Namespace);
    }
}
