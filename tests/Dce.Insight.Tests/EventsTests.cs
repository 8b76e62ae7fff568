using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Insight.Logs;
using Dce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.Insight.Tests;

/// <summary>Kubernetes events watched from the simulated clusters into PostgreSQL and found through DCE's event endpoints.</summary>
[Collection(LogsCollection.Name)]
public sealed class EventsTests(LogsPlatformFixture fixture)
{
    private const string Event = "/apis/insight.io/v1alpha1/event";
    private InsightPlatform Platform => fixture.Platform;

    [Fact]
    public async Task A_scaled_deployments_events_are_kept_and_found_by_reason_and_object()
    {
        var cluster = Platform.ClusterNames[0];
        var pod = await fixture.RunDeploymentAsync(cluster, "events-shop", "cart", "cart");
        var admin = Platform.AdminClient();

        var scheduled = await WhenFoundAsync(() => EventsAsync(admin, cluster, "namespace=events-shop&filter.reason=Scheduled&filter.involveObjectName=" + pod),
            "the pod's Scheduled event");
        var scaled = await WhenFoundAsync(() => EventsAsync(admin, cluster, "namespace=events-shop&filter.involveObjectKind=Deployment&filter.reason=ScalingReplicaSet"),
            "the deployment's ScalingReplicaSet event");
        var reasons = await admin.GetFromJsonAsync<JsonElement>($"{Event}/reasons");
        var options = await admin.GetFromJsonAsync<JsonElement>($"{Event}/cluster/{cluster}/events/filter-options?namespace=events-shop");
        var histogram = await admin.GetFromJsonAsync<JsonElement>($"{Event}/cluster/{cluster}/events/histogram?namespace=events-shop&interval=1h");
        var elsewhere = await EventsAsync(admin, Platform.ClusterNames[1], "namespace=events-shop&filter.reason=Scheduled&filter.involveObjectName=" + pod);

        var single = Assert.Single(scheduled);
        Assert.Equal(("Pod", pod, "Normal", cluster), (single.GetProperty("involveObject").GetProperty("kind").GetString(),
            single.GetProperty("involveObject").GetProperty("name").GetString(), single.GetProperty("type").GetString(), single.GetProperty("clusterName").GetString()));
        Assert.Contains(pod, single.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.All(scaled, e => Assert.Equal("cart", e.GetProperty("involveObject").GetProperty("name").GetString()));
        Assert.Contains("Scheduled", reasons.GetProperty("pod").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("ScalingReplicaSet", options.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.True(long.Parse(histogram.GetProperty("totalNormal").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task A_relisted_or_redelivered_event_is_stored_once_and_its_count_only_moves_forward()
    {
        var writer = Platform.Insight.Services.GetRequiredService<EventWriter>();
        var uid = Guid.NewGuid().ToString();
        var first = DateTime.UtcNow.AddMinutes(-5);
        var seen = new StoredEvent(Platform.ClusterNames[1], uid, "web.1", "events-repeat", first, first.AddMinutes(1), 3, "Pod", "web", "BackOff", "Warning",
            "Back-off restarting failed container", "kubelet", "node-1");

        await writer.WriteAsync([seen, seen with { Count = 5, LastTime = first.AddMinutes(3) }], default);
        await writer.WriteAsync([seen], default);

        var stored = Assert.Single(await EventsAsync(Platform.AdminClient(), Platform.ClusterNames[1], "namespace=events-repeat"));
        Assert.Equal("5", stored.GetProperty("count").GetString());
    }

    [Fact]
    public async Task A_namespace_viewer_of_another_workspace_gets_none_of_the_events()
    {
        var cluster = Platform.ClusterNames[1];
        var pod = await fixture.RunDeploymentAsync(cluster, "events-private", "vault", "vault");
        var admin = Platform.AdminClient();
        await WhenFoundAsync(() => EventsAsync(admin, cluster, "namespace=events-private&filter.reason=Scheduled&filter.involveObjectName=" + pod), "the pod's Scheduled event");
        var outsider = await fixture.NamespaceViewerAsync(cluster, "events-outsider");

        var asked = await EventsAsync(outsider, cluster, "namespace=events-private");
        var all = await EventsAsync(outsider, cluster, "");
        var count = await (await outsider.PostAsJsonAsync($"{Event}/cluster/{cluster}/events/count",
            new { filters = new[] { new { name = "scheduled", value = new { reason = "Scheduled" } } } })).Content.ReadFromJsonAsync<JsonElement>();
        var reasons = await outsider.GetFromJsonAsync<JsonElement>($"{Event}/reasons");

        Assert.Empty(asked);
        Assert.Empty(all);
        Assert.Equal("0", count.GetProperty("items")[0].GetString());
        Assert.Empty(reasons.GetProperty("pod").EnumerateArray());
    }

    [Fact]
    public async Task A_malformed_message_filter_is_refused_with_its_position()
    {
        var response = await Platform.AdminClient().GetAsync($"{Event}/cluster/{Platform.ClusterNames[0]}/events?filter.message={Uri.EscapeDataString("pull \"image")}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(5, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("position").GetInt32());
    }

    private static async Task<List<JsonElement>> WhenFoundAsync(Func<Task<List<JsonElement>>> query, string what)
    {
        List<JsonElement> found = [];
        await Eventually.Until(async () => (found = await query()).Count > 0, what);
        return found;
    }

    private static async Task<List<JsonElement>> EventsAsync(HttpClient client, string cluster, string query)
    {
        var answer = await client.GetFromJsonAsync<JsonElement>($"{Event}/cluster/{cluster}/events?pageSize=200&{query}");
        return [.. answer.GetProperty("items").EnumerateArray()];
    }
}
