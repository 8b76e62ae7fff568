using System.Net;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Multicloud;

/// <summary>
/// Reads an instance's members with their state. The kairship member list in DCE's shape carries neither Karmada's Ready
/// condition nor a filled <c>status.phase</c>, so a member whose state the answer leaves out is asked directly: it is
/// Ready when it answers through the instance with the credentials its join left, NotReady when it does not.
/// </summary>
public static class MemberHealth
{
    public static async Task<List<MemberLine>> ReadAsync(PlatformApi api, string instance, CancellationToken cancellationToken)
    {
        var list = await api.GetAsync($"{Kairship.Instance(instance)}/clusters?pageSize=1000", cancellationToken);
        var members = new List<MemberLine>();
        foreach (var member in list.Items().Select(MemberLine.Of))
        {
            members.Add(member.Known ? member : await ProbeAsync(api, instance, member, cancellationToken));
        }

        return members;
    }

    private static async Task<MemberLine> ProbeAsync(PlatformApi api, string instance, MemberLine member, CancellationToken cancellationToken)
    {
        var answer = await api.SendAsync(HttpMethod.Get, $"{Kairship.Instance(instance)}/member-clusters/{Uri.EscapeDataString(member.Name)}/namespacesummary",
            null, cancellationToken);
        return answer.Problem switch
        {
            null => member with { State = "Ready" },
            { Status: (int)HttpStatusCode.Forbidden } => member with { State = "Unknown" },
            var problem => member with { State = "NotReady", Reason = problem.Message },
        };
    }
}
