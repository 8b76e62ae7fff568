using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dce.Testing;
using Dce.Testing.Contract;

namespace Dce.Insight.Tests.Contract.Walks;

/// <summary>
/// A receiver, a template and a group whose rule fires at once through the real vmalert and Alertmanager; the alert it
/// raises; a silence on the cluster; then everything deleted again.
/// </summary>
public static class AlertingWalk
{
    private const string Alert = $"{InsightContract.Root}/alert";

    public static async Task RunAsync(ContractWalk walk, WalkTarget target, HttpClient admin)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (receiver, template) = ($"walk-hook-{suffix}", $"walk-template-{suffix}");
        await WalkReceiverAsync(walk, receiver, target.Fixture.ReceiverUrl);
        await WalkTemplateAsync(walk, template);

        var rule = new { name = "always", expr = "vector(1)", duration = "1s", severity = "WARNING", description = "fires at once" };
        var group = new
        {
            name = $"walk-{suffix}",
            description = "the contract walk's group",
            clusterName = target.Cluster,
            notificationTemplate = template,
            receivers = new[] { new { type = "webhook", names = new[] { receiver } } },
            rules = new[] { rule },
        };
        await walk.CallAsync(HttpMethod.Post, $"{Alert}/groups/validate", group);
        var id = (await walk.CallAsync(HttpMethod.Post, $"{Alert}/groups", group))?["id"]?.GetValue<string>();
        await walk.GetAsync($"{Alert}/groups?clusterName={target.Cluster}");
        await walk.GetAsync($"{Alert}/groups/{id}");
        await walk.CallAsync(HttpMethod.Put, $"{Alert}/groups/{id}", group with { description = "changed by the walk" });
        await WalkRulesAsync(walk, $"{Alert}/groups/{id}/rules");
        await walk.CallAsync(HttpMethod.Post, $"{Alert}/rules/preview", new { group = new { clusterName = target.Cluster }, rule });

        await Eventually.Until(async () => (await admin.GetFromJsonAsync<JsonObject>($"{Alert}/alerts?groupId={id}"))?["items"] is JsonArray { Count: > 0 },
            "the walk's rule fired and Alertmanager notified Insight");
        var alerts = await walk.GetAsync($"{Alert}/alerts?groupId={id}");
        await walk.GetAsync($"{Alert}/alerts/{alerts?["items"]?[0]?["id"]?.GetValue<string>()}");
        await walk.GetAsync($"{Alert}/alertcount");
        await WalkSilenceAsync(walk, target.Cluster, suffix);
        await walk.CallAsync(HttpMethod.Put, $"{Alert}/history/clean");

        await walk.DeleteAsync($"{Alert}/groups/{id}");
        await walk.DeleteAsync($"{Alert}/templates/{template}");
        await walk.DeleteAsync($"{Alert}/receivers/{receiver}");
    }

    private static async Task WalkReceiverAsync(ContractWalk walk, string name, string url)
    {
        var receiver = new { name, type = "webhook", description = "the contract walk's webhook", webhook = new { url } };
        await walk.CallAsync(HttpMethod.Post, $"{Alert}/receivers", receiver);
        await walk.GetAsync($"{Alert}/receivers");
        await walk.GetAsync($"{Alert}/receivers/{name}");
        await walk.CallAsync(HttpMethod.Put, $"{Alert}/receivers/{name}", receiver with { description = "changed by the walk" });
        await walk.CallAsync(HttpMethod.Post, $"{Alert}/receivers/test", receiver);
    }

    private static async Task WalkTemplateAsync(ContractWalk walk, string name)
    {
        var template = new { name, description = "the contract walk's template", body = new { webhook = "{{ .Status }}: {{ .RuleName }} on {{ .ClusterName }}" } };
        await walk.CallAsync(HttpMethod.Post, $"{Alert}/templates", template);
        // Templates are read by every signed-in user: they hold no data of any cluster.
        await walk.CallAsync(HttpMethod.Get, $"{Alert}/templates", outsiderToo: false);
        await walk.CallAsync(HttpMethod.Get, $"{Alert}/template-summary", outsiderToo: false);
        await walk.CallAsync(HttpMethod.Get, $"{Alert}/templates/{name}", outsiderToo: false);
        await walk.CallAsync(HttpMethod.Put, $"{Alert}/templates/{name}", template with { description = "changed by the walk" });
        await walk.CallAsync(HttpMethod.Post, $"{Alert}/templates/preview", new { template.body }, outsiderToo: false);
    }

    private static async Task WalkRulesAsync(ContractWalk walk, string rules)
    {
        var added = new { name = "added", expr = "up == 0", duration = "1m", severity = "INFO", description = "added by the walk" };
        await walk.GetAsync(rules);
        await walk.CallAsync(HttpMethod.Post, rules, added);
        await walk.GetAsync($"{rules}/added");
        await walk.CallAsync(HttpMethod.Put, $"{rules}/added", added with { description = "changed by the walk" });
        await walk.DeleteAsync($"{rules}/added");
    }

    private static async Task WalkSilenceAsync(ContractWalk walk, string cluster, string suffix)
    {
        var silence = new
        {
            name = $"walk-quiet-{suffix}",
            clusterName = cluster,
            description = "the contract walk's silence",
            matches = new[] { new { type = "EQUAL", key = "alertname", value = "always" } },
        };
        var id = (await walk.CallAsync(HttpMethod.Post, $"{Alert}/silences", silence))?["id"]?.GetValue<string>();
        await walk.GetAsync($"{Alert}/silences");
        await walk.GetAsync($"{Alert}/silences/{id}");
        await walk.CallAsync(HttpMethod.Put, $"{Alert}/silences/{id}", silence with { description = "changed by the walk" });
        await walk.DeleteAsync($"{Alert}/silences/{id}");
        await walk.CallAsync(HttpMethod.Get, $"{Alert}/smtp", outsiderToo: false);
    }
}
