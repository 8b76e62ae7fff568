using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Multicloud;

/// <summary>An instance as the kairship API shows it (name, alias, whether its API server answers) with its members when the user may list them.</summary>
public sealed record InstanceLine(string Name, string Alias, bool Running, string Version, IReadOnlyList<MemberLine>? Members)
{
    public static InstanceLine Of(JsonElement item, IReadOnlyList<MemberLine>? members)
    {
        var status = item.Prop("status");
        return new InstanceLine(item.Prop("metadata").Text("name"), item.Prop("metadata").Prop("annotations").Text("kairship.io/alias"),
            status.Text("state") == "INSTANCE_STATE_RUNNING", status.Text("kubernetesVersion"), members);
    }
}
