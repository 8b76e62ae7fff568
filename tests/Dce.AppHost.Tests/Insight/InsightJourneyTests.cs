using System.Globalization;
using System.Net;
using System.Text.Json;
using Dce.AppHost.Tests.ContainerManagement;
using Dce.Testing;

namespace Dce.AppHost.Tests.Insight;

/// <summary>
/// Insight in the whole graph, through the gateway: it observes the clusters Container Management joined, a scaled
/// Deployment's series follow it in VictoriaMetrics, a pod's log lines are searched and tailed, a request is traced, and an
/// alert rule fires through the graph's vmalert and Alertmanager to a webhook.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class InsightJourneyTests(PlatformFixture platform)
{
    private const string Insight = "/apis/insight.io/v1alpha1";
    private static readonly string[] Embedded = ["cloud-east", "cloud-west", "edge-arm"];

    [Fact]
    public async Task Insight_lists_the_embedded_clusters_and_a_scaled_deployment_changes_its_series()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        await api.WaitForAsync($"{Insight}/clusters",
            json => Embedded.All(name => json.GetProperty("items").EnumerateArray().Any(c => c.GetProperty("name").GetString() == name)),
            "every embedded cluster observed by Insight", TimeSpan.FromMinutes(2));

        var cluster = await TargetCluster.NameAsync(api, "cloud-east");
        var ns = await WorkloadJourneyTests.NewNamespaceAsync(api, cluster, "insight");
        var deployments = $"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/deployments";
        (await api.PostAsync(deployments, new { name = "web", image = "nginx:1.26", replicas = 2 })).Expect(HttpStatusCode.Created);
        await WaitForReplicasAsync(api, cluster, ns, 2);

        (await api.PostAsync($"{deployments}/web:scale", new { replicas = 4 })).Expect(HttpStatusCode.OK);
        await WaitForReplicasAsync(api, cluster, ns, 4);
    }

    [Fact]
    public async Task A_request_through_the_gateway_is_one_trace_and_the_service_map_shows_the_edge()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        (await api.GetAsync($"{PlatformApi.Kpanda}/clusters")).Expect(HttpStatusCode.OK);

        await api.WaitForAsync($"{Insight}/jaeger/v2/traces?serviceName=kpanda&limit=50",
            json => json.GetProperty("traces").EnumerateArray().Any(trace => Services(trace).IsSupersetOf(["gateway", "kpanda"])),
            "a trace with the gateway's and Container Management's spans", TimeSpan.FromMinutes(2));
        var graph = (await api.PostAsync($"{Insight}/service-graph/graph", new { })).Expect(HttpStatusCode.OK).Json;
        var services = graph.GetProperty("nodes").EnumerateArray()
            .ToDictionary(node => node.GetProperty("id").GetString()!, node => node.GetProperty("metadata").GetProperty("service").GetString());
        Assert.Contains(graph.GetProperty("edges").EnumerateArray(),
            edge => services[edge.GetProperty("source").GetString()!] == "gateway" && services[edge.GetProperty("target").GetString()!] == "kpanda");
    }

    [Fact]
    public async Task A_pods_log_line_is_found_by_text_and_its_new_lines_arrive_in_the_live_tail()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        var cluster = await TargetCluster.NameAsync(api, "cloud-east");
        var ns = await WorkloadJourneyTests.NewNamespaceAsync(api, cluster, "insight-logs");
        var name = $"shop-{Guid.NewGuid():N}"[..13];
        (await api.PostAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/deployments", new { name, image = "nginx:1.26", replicas = 1 }))
            .Expect(HttpStatusCode.Created);

        using var tailing = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var tail = await api.OpenStreamAsync($"{Insight}/log/tail?cluster={cluster}&namespace={ns}", tailing.Token);
        Assert.Equal(HttpStatusCode.OK, tail.StatusCode);
        var search = new { pageSize = 50, resource = new { logSearch = new[] { "starting" }, clusterFilter = new[] { cluster }, namespaceFilter = new[] { ns } } };
        await Eventually.Until(async () =>
        {
            var answer = (await api.PostAsync($"{Insight}/log/query", search)).Expect(HttpStatusCode.OK).Json;
            return answer.GetProperty("items").EnumerateArray().Any(line => line.GetProperty("log").GetString()!.Contains("starting", StringComparison.Ordinal)
                && line.GetProperty("labels").GetProperty("workload_name").GetString() == name);
        }, "the pod's start-up line found by text search", TimeSpan.FromMinutes(2));

        using var reader = new StreamReader(await tail.Content.ReadAsStreamAsync(tailing.Token));
        var tailed = new List<JsonElement>();
        while (tailed.Count < 2 && await reader.ReadLineAsync(tailing.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                tailed.Add(JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
            }
        }

        Assert.Equal(2, tailed.Count);
        Assert.All(tailed, line => Assert.Equal(ns, line.GetProperty("labels").GetProperty("namespace_name").GetString()));
    }

    [Fact]
    public async Task An_alert_rule_that_holds_fires_and_its_notification_reaches_the_webhook()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        using var webhook = new WebhookListener();
        var cluster = await TargetCluster.NameAsync(api, "cloud-east");
        var ns = await WorkloadJourneyTests.NewNamespaceAsync(api, cluster, "insight-alerts");
        (await api.PostAsync($"{PlatformApi.Kpanda}/clusters/{cluster}/namespaces/{ns}/deployments", new { name = "web", image = "nginx:1.26", replicas = 1 }))
            .Expect(HttpStatusCode.Created);
        await WaitForReplicasAsync(api, cluster, ns, 1);

        var receiver = $"hook-{Guid.NewGuid():N}"[..13];
        (await api.PostAsync($"{Insight}/alert/receivers", new { name = receiver, type = "webhook", webhook = new { url = webhook.Url } })).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"{Insight}/alert/groups", new
        {
            name = ns,
            clusterName = cluster,
            receivers = new[] { new { type = "webhook", names = new[] { receiver } } },
            rules = new[]
            {
                new { name = "web-deployed", expr = $"kube_deployment_spec_replicas{{namespace=\"{ns}\",deployment=\"web\"}} >= 1", duration = "0s", severity = "INFO" },
            },
        })).Expect(HttpStatusCode.OK);

        // vmalert evaluates every 30 s and Alertmanager waits 30 s before a new alert's first notification.
        await Eventually.Until(() => webhook.Received.Any(body => body.GetProperty("status").GetString() == "firing"
                && body.GetProperty("alert").GetProperty("ruleName").GetString() == "web-deployed"
                && body.GetProperty("alert").GetProperty("clusterName").GetString() == cluster),
            "the firing alert delivered to the webhook", TimeSpan.FromMinutes(3));
    }

    private static HashSet<string?> Services(JsonElement trace) =>
        trace.GetProperty("processMap").EnumerateArray().Select(mapping => mapping.GetProperty("process").GetProperty("serviceName").GetString()).ToHashSet();

    private static async Task WaitForReplicasAsync(PlatformApi api, string cluster, string ns, int replicas)
    {
        var query = Uri.EscapeDataString($"kube_deployment_spec_replicas{{namespace=\"{ns}\",deployment=\"web\"}}");
        await api.WaitForAsync($"{Insight}/metric/query?query={query}&cluster={cluster}",
            json => Value(json) == replicas, $"kube_deployment_spec_replicas of {ns}/web at {replicas}", TimeSpan.FromMinutes(2));
    }

    private static double? Value(JsonElement answer) =>
        answer.GetProperty("vector").EnumerateArray().Select(sample => sample.GetProperty("values").GetProperty("value").GetString())
            .Select(text => double.Parse(text!, CultureInfo.InvariantCulture)).Cast<double?>().FirstOrDefault();
}
