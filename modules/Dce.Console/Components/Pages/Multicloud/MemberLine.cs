using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Multicloud;

/// <summary>A member cluster of an instance: Ready or NotReady (DCE's <c>status.phase</c>, from Karmada's Ready condition), where it is, its labels.</summary>
public sealed record MemberLine(string Name, string State, string Reason, string Provider, string Region, IReadOnlyList<string> Zones, IReadOnlyList<string> Labels)
{
    public bool Ready => State == "Ready";

    public static async Task<List<MemberLine>> ListAsync(PlatformApi api, string instance, CancellationToken cancellationToken) =>
        [.. (await api.GetAsync($"{Kairship.Instance(instance)}/clusters?pageSize=1000", cancellationToken)).Items().Select(Of)];

    public static MemberLine Of(JsonElement item)
    {
        var spec = item.Prop("spec");
        var status = item.Prop("status");
        var ready = status.Prop("conditions").Items().FirstOrDefault(c => c.Text("type") == "Ready");
        var state = status.Text("phase") switch
        {
            "RUNNING" => "Ready",
            "FAILED" => "NotReady",
            _ => "Unknown",
        };
        var zones = spec.Prop("zones").Items().Select(z => z.GetString() ?? "").Append(spec.Text("zone")).Where(z => z.Length > 0).Distinct();
        var labels = item.Prop("metadata").Prop("labels") is { ValueKind: JsonValueKind.Object } map
            ? map.EnumerateObject().Select(l => $"{l.Name}={l.Value}")
            : [];
        return new MemberLine(item.Prop("metadata").Text("name"), state, ready.Text("message"), spec.Text("provider"), spec.Text("region"), [.. zones], [.. labels]);
    }
}
