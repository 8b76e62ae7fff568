namespace Dce.KubeSim.Security;

/// <summary>Who a request comes from, as the API server's authenticators describe a user.</summary>
public sealed record UserInfo(string Name, string Uid, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    public const string Masters = "system:masters";
    public const string Authenticated = "system:authenticated";
    public const string ServiceAccountPrefix = "system:serviceaccount:";

    /// <summary>The holder of a cluster's own token: the administrator kubeadm writes into admin.conf.</summary>
    public static UserInfo Admin { get; } = new("kubernetes-admin", "", [Masters, Authenticated], new Dictionary<string, IReadOnlyList<string>>());

    public bool IsMaster => Groups.Contains(Masters);

    public static UserInfo ServiceAccount(string ns, string name, string uid, IReadOnlyDictionary<string, IReadOnlyList<string>>? extra = null) =>
        new(ServiceAccountPrefix + ns + ":" + name, uid, ["system:serviceaccounts", "system:serviceaccounts:" + ns, Authenticated],
            extra ?? new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>The namespace and name of a ServiceAccount user, or null for any other user.</summary>
    public (string Namespace, string Name)? ServiceAccountName =>
        Name.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal) && Name[ServiceAccountPrefix.Length..].Split(':') is [var ns, var sa]
            ? (ns, sa)
            : null;
}
