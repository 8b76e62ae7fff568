using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;
using k8s;
using k8s.Models;

namespace Dce.Insight.Tests;

/// <summary>Alert rules evaluated by the real vmalert over what Insight scraped, notified through the real Alertmanager to Insight's hook and on to a webhook.</summary>
public sealed partial class AlertingTests(AlertingPlatform fixture) : IClassFixture<AlertingPlatform>
{
    private const string Alert = "/apis/insight.io/v1alpha1/alert";
    private InsightPlatform Platform => fixture.Platform;

    [Fact]
    public async Task A_rule_fires_when_pods_fail_resolves_when_the_node_returns_and_a_silence_stops_a_refire()
    {
        var cluster = Platform.ClusterNames[0];
        var admin = Platform.AdminClient();
        await Platform.CreateDeploymentAsync(cluster, "alerting", "web", replicas: 2);
        await Eventually.Until(async () => (await InsightPlatform.VectorAsync(admin,
            $"kube_deployment_status_replicas_available{{cluster=\"{cluster}\",namespace=\"alerting\",deployment=\"web\"}} == 2")).Count == 1, "two replicas available");
        (await admin.PostAsJsonAsync($"{Alert}/receivers", new { name = "test-hook", type = "webhook", webhook = new { url = fixture.ReceiverUrl } })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"{Alert}/templates", new { name = "short", body = new { webhook = "{{ .Status }}: {{ .RuleName }} on {{ .ClusterName }}/{{ .Labels.deployment }}" } })).EnsureSuccessStatusCode();
        var group = await (await admin.PostAsJsonAsync($"{Alert}/groups", new
        {
            name = "web-health",
            clusterName = cluster,
            notificationTemplate = "short",
            receivers = new[] { new { type = "webhook", names = new[] { "test-hook" } } },
            rules = new[]
            {
                new
                {
                    name = "replicas-unavailable",
                    expr = "kube_deployment_status_replicas_available{namespace=\"alerting\",deployment=\"web\"} < kube_deployment_spec_replicas{namespace=\"alerting\",deployment=\"web\"}",
                    duration = "5s",
                    severity = "CRITICAL",
                    annotations = new Dictionary<string, string> { ["summary"] = "{{ $labels.deployment }} has {{ $value }} available" },
                },
            },
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var nodes = (await Platform.Clusters.Client(cluster).CoreV1.ListNamespacedPodAsync("alerting")).Items.Select(p => p.Spec.NodeName).Distinct().ToList();

        foreach (var node in nodes)
        {
            await Platform.Clusters.SetNodeReadyAsync(cluster, node, ready: false);
        }

        await Eventually.Until(() => Notifications("firing").Count >= 1, "the firing alert delivered to the webhook");
        var firing = Notifications("firing")[0];
        Assert.Equal(cluster, firing.GetProperty("alert").GetProperty("clusterName").GetString());
        Assert.Equal("replicas-unavailable", firing.GetProperty("alert").GetProperty("ruleName").GetString());
        Assert.Equal($"firing: replicas-unavailable on {cluster}/web", firing.GetProperty("message").GetString());
        Assert.StartsWith("web has ", firing.GetProperty("alert").GetProperty("annotations").GetProperty("summary").GetString(), StringComparison.Ordinal);
        var active = await admin.GetFromJsonAsync<JsonElement>($"{Alert}/alerts?groupId={group.GetProperty("id").GetString()}");
        Assert.Equal("CRITICAL", Assert.Single(active.GetProperty("items").EnumerateArray()).GetProperty("severity").GetString());

        foreach (var node in nodes)
        {
            await Platform.Clusters.SetNodeReadyAsync(cluster, node, ready: true);
        }

        await Eventually.Until(() => Notifications("resolved").Count >= 1, "the resolved alert delivered to the webhook");
        Assert.Equal($"resolved: replicas-unavailable on {cluster}/web", Notifications("resolved")[0].GetProperty("message").GetString());
        var history = await admin.GetFromJsonAsync<JsonElement>($"{Alert}/alerts?resolved=true&clusterName={cluster}");
        Assert.Single(history.GetProperty("items").EnumerateArray());

        (await admin.PostAsJsonAsync($"{Alert}/silences", new
        {
            name = "quiet-web",
            clusterName = cluster,
            matches = new[] { new { type = "EQUAL", key = "alertname", value = "replicas-unavailable" } },
        })).EnsureSuccessStatusCode();
        var firedBefore = Notifications("firing").Count;
        foreach (var node in nodes)
        {
            await Platform.Clusters.SetNodeReadyAsync(cluster, node, ready: false);
        }

        using var alertmanager = new HttpClient { BaseAddress = new Uri(fixture.Engines.Alertmanager.Endpoint) };
        await Eventually.Until(async () => (await alertmanager.GetFromJsonAsync<JsonElement>("/api/v2/alerts")).EnumerateArray()
            .Any(a => a.GetProperty("labels").GetProperty("cluster").GetString() == cluster && a.GetProperty("status").GetProperty("state").GetString() == "suppressed"),
            "the re-fired alert suppressed by the silence");
        // Several of Alertmanager's group intervals pass: a notification would have been sent by now.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(firedBefore, Notifications("firing").Count);
        foreach (var node in nodes)
        {
            await Platform.Clusters.SetNodeReadyAsync(cluster, node, ready: true);
        }

        (await admin.PutAsync($"{Alert}/history/clean", null)).EnsureSuccessStatusCode();
        var cleaned = await admin.GetFromJsonAsync<JsonElement>($"{Alert}/alerts?resolved=true&clusterName={cluster}");
        Assert.Empty(cleaned.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_namespace_viewer_of_another_workspace_cannot_see_or_change_a_clusters_alerting()
    {
        var cluster = Platform.ClusterNames[1];
        var admin = Platform.AdminClient();
        (await admin.PostAsJsonAsync($"{Alert}/groups", new
        {
            name = "guarded",
            clusterName = cluster,
            rules = new[] { new { name = "always", expr = "vector(1)", duration = "1m", severity = "INFO" } },
        })).EnsureSuccessStatusCode();
        var viewer = await Platform.NamespaceViewerAsync(Platform.ClusterNames[0], "intruders", "alerting");

        var groups = await viewer.GetFromJsonAsync<JsonElement>($"{Alert}/groups?clusterName={cluster}");
        var create = await viewer.PostAsJsonAsync($"{Alert}/groups", new
        {
            name = "stolen",
            clusterName = cluster,
            rules = new[] { new { name = "peek", expr = "up", duration = "1s", severity = "INFO" } },
        });
        var createInOwnNamespace = await viewer.PostAsJsonAsync($"{Alert}/groups", new
        {
            name = "own",
            clusterName = Platform.ClusterNames[0],
            @namespace = "intruders",
            rules = new[] { new { name = "peek", expr = "up", duration = "1s", severity = "INFO" } },
        });
        var alerts = await viewer.GetFromJsonAsync<JsonElement>($"{Alert}/alerts?clusterName={cluster}");
        var silence = await viewer.PostAsJsonAsync($"{Alert}/silences", new { name = "hush", clusterName = cluster });

        Assert.Empty(groups.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, createInOwnNamespace.StatusCode);
        Assert.Empty(alerts.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, silence.StatusCode);
        var stored = await admin.GetFromJsonAsync<JsonElement>($"{Alert}/groups?clusterName={cluster}");
        Assert.Equal(["guarded"], stored.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Invalid_promql_is_refused_with_the_engines_message()
    {
        var response = await Platform.AdminClient().PostAsJsonAsync($"{Alert}/groups", new
        {
            name = "broken",
            clusterName = Platform.ClusterNames[0],
            rules = new[] { new { name = "bad", expr = "sum(up", duration = "1m", severity = "INFO" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("rules[0].expr", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("unparsed data", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var groups = await Platform.AdminClient().GetFromJsonAsync<JsonElement>($"{Alert}/groups?name=broken");
        Assert.Empty(groups.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_bad_duration_is_refused_saying_what_a_duration_is()
    {
        var response = await Platform.AdminClient().PostAsJsonAsync($"{Alert}/groups/validate", new
        {
            name = "slow",
            clusterName = Platform.ClusterNames[0],
            rules = new[] { new { name = "later", expr = "up", duration = "five minutes", severity = "INFO" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("rules[0].duration", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("30s, 5m", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hook_refuses_a_notification_without_the_secret()
    {
        using var anonymous = Platform.Insight.CreateClient();
        var notification = new { status = "firing", alerts = new[] { new { status = "firing", fingerprint = "forged", startsAt = DateTimeOffset.UtcNow, labels = new { cluster = "x" } } } };

        var without = await anonymous.PostAsJsonAsync(AlertingPlatform.Hook, notification);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, AlertingPlatform.Hook) { Content = JsonContent.Create(notification) };
        wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-the-secret");
        var withWrong = await anonymous.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrong.StatusCode);
        var alerts = await Platform.AdminClient().GetFromJsonAsync<JsonElement>($"{Alert}/alerts?clusterName=x");
        Assert.Empty(alerts.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_datasource_answers_only_with_its_secret_and_applies_the_rule_files_filters()
    {
        using var client = Platform.Insight.CreateClient();
        var query = $"{AlertingPlatform.Datasource}/api/v1/query?query=" + Uri.EscapeDataString("count(kube_node_info)");

        var without = await client.GetAsync(query);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, query);
        wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fixture.Engines.HookSecret);
        var withWrong = await client.SendAsync(wrong);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AlertingPlatform.DatasourceToken);
        var cluster = Platform.ClusterNames[0];
        await Eventually.Until(async () => Result(await client.GetFromJsonAsync<JsonElement>(query + "&extra_filters[]=" + Uri.EscapeDataString($"{{cluster=\"{cluster}\"}}"))).Count == 1,
            "the cluster's nodes counted through the datasource");
        var elsewhere = await client.PostAsync($"{AlertingPlatform.Datasource}/api/v1/query", new FormUrlEncodedContent(
            [new("query", "count(kube_node_info)"), new("extra_filters[]", "{cluster=\"no-such-cluster\"}")]));

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrong.StatusCode);
        Assert.Empty(Result(await elsewhere.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()));
    }

    [Fact]
    public async Task Vmalert_records_the_overview_counts_through_the_datasource_which_takes_writes_only_with_its_secret()
    {
        var admin = Platform.AdminClient();
        var cluster = Platform.ClusterNames[0];
        var selector = $"{{cluster=\"{cluster}\"}}";

        // The real vmalert evaluates the recording rules Insight wrote and sends their results to alert/datasource/api/v1/write.
        await Eventually.Until(async () =>
            {
                var recorded = await InsightPlatform.VectorAsync(admin, $"cluster:kube_node_info:count{selector}");
                var raw = await InsightPlatform.VectorAsync(admin, $"count(kube_node_info{selector})");
                return recorded.Count == 1 && raw.Count == 1 && recorded[0].Value == raw[0].Value;
            }, "the cluster's nodes recorded by vmalert");
        using var anonymous = Platform.Insight.CreateClient();
        var without = await anonymous.PostAsync($"{AlertingPlatform.Datasource}/api/v1/write", new ByteArrayContent([1, 2, 3]));
        using var wrong = new HttpRequestMessage(HttpMethod.Post, $"{AlertingPlatform.Datasource}/api/v1/write") { Content = new ByteArrayContent([1, 2, 3]) };
        wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fixture.Engines.HookSecret);
        var withWrong = await anonymous.SendAsync(wrong);
        using var garbled = new HttpRequestMessage(HttpMethod.Post, $"{AlertingPlatform.Datasource}/api/v1/write") { Content = new ByteArrayContent([1, 2, 3]) };
        garbled.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AlertingPlatform.DatasourceToken);
        var refused = await anonymous.SendAsync(garbled);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    private static List<JsonElement> Result(JsonElement answer) => [.. answer.GetProperty("data").GetProperty("result").EnumerateArray()];

    private List<JsonElement> Notifications(string status) =>
        [.. fixture.Received.Where(n => n.GetProperty("status").GetString() == status && n.GetProperty("alert").GetProperty("clusterName").GetString() == Platform.ClusterNames[0])];
}
