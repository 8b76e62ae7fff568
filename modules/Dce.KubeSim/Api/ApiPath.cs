namespace Dce.KubeSim.Api;

/// <summary>A Kubernetes API path taken apart: group, version, namespace, resource, name and subresource.</summary>
public sealed record ApiPath(string Group, string Version, string? Namespace, string? Resource, string? Name, string? Subresource)
{
    private const string Proxy = "proxy";

    /// <summary>With the <c>proxy</c> subresource, the path asked of the node or service behind it ("" for its root).</summary>
    public string? ProxyPath { get; init; }

    /// <summary>Parses the part after <c>/clusters/{name}/</c>; null when it is not a group/version path.</summary>
    public static ApiPath? Parse(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group;
        string version;
        int rest;
        if (segments.Length >= 2 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], 2);
        }
        else if (segments.Length >= 3 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], 3);
        }
        else
        {
            return null;
        }
        var tail = segments[rest..];
        string? ns = null;
        if (tail.Length >= 3 && tail[0] == "namespaces" && !(tail.Length == 3 && tail[2] is "status" or "finalize"))
        {
            ns = tail[1];
            tail = tail[2..];
        }
        if (tail.Length >= 3 && tail[2] == Proxy)
        {
            return new ApiPath(group, version, ns, tail[0], tail[1], Proxy) { ProxyPath = string.Join('/', tail[3..]) };
        }
        if (tail.Length > 3)
        {
            return null;
        }
        return new ApiPath(group, version, ns, tail.ElementAtOrDefault(0), tail.ElementAtOrDefault(1), tail.ElementAtOrDefault(2));
    }
}
