using System.Text.Json.Nodes;
using Dce.ContainerManagement.Kubernetes;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// DCE's pod filters beside the list query: <c>phase</c>, <c>status</c> (FILTER_POD_STATUS_RUNNING, _ERROR, _COMPLETED,
/// _WAITING), the owning workload (<c>kind</c> and <c>kindName</c>) and <c>podIp</c>; applied to pods already described by <see cref="PodView"/>.
/// </summary>
public sealed record PodFilter(string? Phase, string? Status, string? Kind, string? KindName, string? PodIp)
{
    /// <summary>True when no filter is set, so pods need not be described to be chosen.</summary>
    public bool IsEmpty => Unset(Phase) && Unset(Status) && Unset(PodIp) && Unset(Kind) && Unset(KindName);

    public bool Matches(JsonObject pod)
    {
        var status = pod["status"];
        return (Unset(Phase) || string.Equals(status?["phase"]?.ToString(), Phase, StringComparison.OrdinalIgnoreCase))
            && (Unset(Status) || string.Equals(status?["podFilterStatus"]?.ToString(), Status, StringComparison.OrdinalIgnoreCase))
            && (Unset(PodIp) || status?["podIP"]?.ToString() == PodIp)
            && (Unset(Kind) || string.Equals(status?["ownedBy"]?["kind"]?.ToString(), Kind, StringComparison.OrdinalIgnoreCase))
            && (Unset(KindName) || status?["ownedBy"]?["name"]?.ToString() == KindName);
    }

    private static bool Unset(string? value) => string.IsNullOrEmpty(value) || value.EndsWith("_UNSPECIFIED", StringComparison.Ordinal);
}
