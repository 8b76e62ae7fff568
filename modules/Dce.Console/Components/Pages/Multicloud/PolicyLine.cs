using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Multicloud;

/// <summary>A policy in an instance, summarised: what it selects and where it sends (or how it changes) what it selects.</summary>
public sealed record PolicyLine(PolicyKind Kind, string Namespace, string Name, string Selects, string Effect)
{
    public static PolicyLine Of(PolicyKind kind, JsonElement item)
    {
        var spec = item.Prop("spec");
        var selects = spec.Prop("resourceSelectors").Items().Select(s => $"{s.Text("kind")}{(s.Text("name") is { Length: > 0 } name ? "/" + name : "")}");
        var effect = kind.Propagates ? Placement(spec.Prop("placement")) : Overrides(spec.Prop("overrideRules"));
        return new PolicyLine(kind, item.Prop("metadata").Text("namespace"), item.Prop("metadata").Text("name"), string.Join(", ", selects), effect);
    }

    private static string Placement(JsonElement placement)
    {
        var clusters = placement.Prop("clusterAffinity").Prop("clusterNames").Items().Select(c => c.GetString()).ToList();
        var scheduling = placement.Prop("replicaScheduling");
        var where = clusters.Count > 0 ? string.Join(", ", clusters) : "every member";
        var how = scheduling.Text("replicaSchedulingType") is { Length: > 0 } type
            ? $" · {type}{(scheduling.Text("replicaDivisionPreference") is { Length: > 0 } preference ? " " + preference : "")}"
            : "";
        return where + how;
    }

    private static string Overrides(JsonElement rules) =>
        string.Join("; ", rules.Items().Select(rule =>
        {
            var targets = rule.Prop("targetCluster").Prop("clusterNames").Items().Select(c => c.GetString()).ToList();
            var overriders = rule.Prop("overriders") is { ValueKind: JsonValueKind.Object } map ? map.EnumerateObject().Select(o => o.Name) : [];
            return $"{string.Join(", ", overriders)} in {(targets.Count > 0 ? string.Join(", ", targets) : "every member")}";
        }));
}
