using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Multicloud;

/// <summary>
/// A member cluster of an instance: Ready or NotReady, where it is, its labels. The state is DCE's <c>status.phase</c>
/// or Karmada's Ready condition when the answer has them; empty when it has neither (see <see cref="MemberHealth"/>).
/// </summary>
public sealed record MemberLine(string Name, string State, string Reason, string Provider, string Region, IReadOnlyList<string> Zones, IReadOnlyList<string> Labels)
{
    public bool Ready => State == "Ready";

    public bool Known => State.Length > 0;

    public static MemberLine Of(JsonElement item)
    {
        var spec = item.Prop("spec");
        var status = item.Prop("status");
        var ready = status.Prop("conditions").Items().FirstOrDefault(c => c.Text("type") == "Ready");
        var state = status.Text("phase") switch
        {
            "RUNNING" => "Ready",
            { Length: > 0 } phase when phase != "CLUSTER_PHASE_UNSPECIFIED" => "NotReady",
            _ => ready.Text("status") switch { "True" => "Ready", "False" or "Unknown" => "NotReady", _ => "" },
        };
        var zones = spec.Prop("zones").Items().Select(z => z.GetString() ?? "").Append(spec.Text("zone")).Where(z => z.Length > 0).Distinct();
        var labels = item.Prop("metadata").Prop("labels") is { ValueKind: JsonValueKind.Object } map
            ? map.EnumerateObject().Select(l => $"{l.Name}={l.Value}")
            : [];
        return new MemberLine(item.Prop("metadata").Text("name"), state, ready.Text("message"), spec.Text("provider"), spec.Text("region"), [.. zones], [.. labels]);
    }
}
