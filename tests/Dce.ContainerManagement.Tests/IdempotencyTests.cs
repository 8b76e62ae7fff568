using System.Net;
using System.Net.Http.Json;

namespace Dce.ContainerManagement.Tests;

public sealed class IdempotencyTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    // The audit of a namespace creation names the cluster and the resource type; this class makes no other.
    private const string NamespacesApiResource = "\"namespaces\"";

    [Fact]
    public async Task Creating_a_namespace_twice_with_one_key_creates_it_once_audits_it_once_and_replays_the_answer()
    {
        var name = $"i-{Guid.NewGuid():N}"[..14];
        var key = Guid.NewGuid().ToString();
        var head = await fixture.OutboxHeadAsync();
        using var client = fixture.Platform.AdminClient();

        using var first = await client.SendAsync(CreateNamespace(name, key));
        using var retried = await client.SendAsync(CreateNamespace(name, key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal("true", retried.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, retried.Headers.Location);
        Assert.Single(await fixture.OutboxAsync(head, NamespacesApiResource), r => r.EventName == "audit.recorded");
    }

    private static HttpRequestMessage CreateNamespace(string name, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/apis/kpanda.io/v1alpha1/clusters/{PlatformFixture.Cluster}/namespaces")
        {
            Content = JsonContent.Create(new { name }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
