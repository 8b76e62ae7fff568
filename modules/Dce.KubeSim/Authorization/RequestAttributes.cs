using Dce.KubeSim.Api;
using Dce.KubeSim.Security;

namespace Dce.KubeSim.Authorization;

/// <summary>What a request asks to do, as the API server's authorizers see it: a verb on a resource or on a path.</summary>
public sealed record RequestAttributes(UserInfo User, string Verb, bool IsResourceRequest, string ApiGroup, string ApiVersion,
    string Resource, string Subresource, string Namespace, string Name, string Path)
{
    public string ResourceWithSubresource => Subresource.Length == 0 ? Resource : Resource + "/" + Subresource;

    public static RequestAttributes ForResource(UserInfo user, string verb, string group, string resource, string subresource = "", string ns = "", string name = "") =>
        new(user, verb, true, group, "*", resource, subresource, ns, name, "");

    public static RequestAttributes NonResource(UserInfo user, string verb, string path) =>
        new(user, verb, false, "", "", "", "", "", "", path);

    /// <summary>The attributes of an HTTP request for <paramref name="path"/>, the part after the cluster prefix.</summary>
    public static RequestAttributes From(UserInfo user, HttpRequest request, string path)
    {
        var trimmed = path.Trim('/');
        if (ApiPath.Parse(trimmed) is not { Resource: { } resource } parsed)
        {
            var method = request.Method.ToLowerInvariant();
            return NonResource(user, method == "head" ? "get" : method, "/" + trimmed);
        }
        var watch = new RequestQuery(request.Query).Flag("watch");
        var verb = (request.Method, parsed.Name) switch
        {
            ("GET" or "HEAD", null) => watch ? "watch" : "list",
            ("GET" or "HEAD", _) => watch ? "watch" : "get",
            ("POST", _) => "create",
            ("PUT", _) => "update",
            ("PATCH", _) => "patch",
            ("DELETE", null) => "deletecollection",
            ("DELETE", _) => "delete",
            _ => request.Method.ToLowerInvariant(),
        };
        var ns = parsed.Namespace ?? (resource == "namespaces" ? parsed.Name ?? "" : "");
        return new RequestAttributes(user, verb, true, parsed.Group, parsed.Version, resource, parsed.Subresource ?? "", ns, parsed.Name ?? "", "/" + trimmed);
    }
}
