using k8s;
using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Dce.ContainerManagement.Tests;

/// <summary>Container Management reads no body larger than its limit: it is refused before anything reaches the cluster.</summary>
[Trait("Category", "Security")]
public sealed class RequestBodyLimitTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private const string Cluster = PlatformFixture.Cluster;

    [Fact]
    public async Task An_oversized_config_map_is_a_413_problem_and_reaches_no_cluster()
    {
        var ns = await fixture.NamespaceAsync();
        using var client = fixture.Platform.AdminClient();

        using var response = await client.PostAsJsonAsync($"/apis/kpanda.io/v1alpha1/clusters/{Cluster}/namespaces/{ns}/configmaps",
            new { name = "huge", data = new Dictionary<string, string> { ["blob"] = new('a', 3 * 1024 * 1024) } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var kube = fixture.Kube();
        var maps = await kube.CoreV1.ListNamespacedConfigMapAsync(ns);
        Assert.DoesNotContain(maps.Items, m => m.Metadata.Name == "huge");
    }

    [Fact]
    public async Task A_body_declared_larger_than_the_limit_is_refused_before_it_is_read()
    {
        var ns = await fixture.NamespaceAsync();
        using var client = fixture.Platform.AdminClient();
        using var body = new ByteArrayContent(Encoding.UTF8.GetBytes(
            $$$"""{"name":"declared","data":{"blob":"{{{new string('b', 2 * 1024 * 1024)}}}"}}"""));
        body.Headers.ContentType = new("application/json");

        using var response = await client.PostAsync($"/apis/kpanda.io/v1alpha1/clusters/{Cluster}/namespaces/{ns}/configmaps", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var kube = fixture.Kube();
        Assert.DoesNotContain((await kube.CoreV1.ListNamespacedConfigMapAsync(ns)).Items, m => m.Metadata.Name == "declared");
    }
}
