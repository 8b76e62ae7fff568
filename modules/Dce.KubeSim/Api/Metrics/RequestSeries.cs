using Dce.KubeSim.Authorization;

namespace Dce.KubeSim.Api.Metrics;

/// <summary>
/// The labels of one <c>apiserver_request_total</c> series but the code, cleaned as kube-apiserver cleans them: the
/// verb as reported (<c>LIST</c>, <c>WATCH</c>, <c>APPLY</c>, <c>CONNECT</c> for proxies), the scope of the request, and
/// for a path outside the resources the path itself as the subresource.
/// </summary>
public sealed record RequestSeries(string Verb, string DryRun, string Group, string Version, string Resource, string Subresource, string Scope)
{
    private const string ApplyPatchType = "application/apply-patch+yaml";

    /// <summary>Watches and proxied connections, which kube-apiserver leaves out of its in-flight counts.</summary>
    public bool LongRunning => Verb is "WATCH" or "CONNECT";

    public bool ReadOnly => Verb is "GET" or "LIST" or "WATCH" or "HEAD";

    public static RequestSeries Of(HttpRequest request, RequestAttributes attributes)
    {
        var dryRun = request.Query["dryRun"].ToString() == "All" ? "All" : "";
        if (!attributes.IsResourceRequest)
        {
            var path = string.Join('/', attributes.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Take(2));
            return new RequestSeries(request.Method.ToUpperInvariant(), dryRun, "", "", "", "/" + path, "");
        }
        var verb = attributes.Verb switch
        {
            _ when attributes.Subresource is "proxy" or "exec" or "attach" or "portforward" => "CONNECT",
            "create" => "POST",
            "update" => "PUT",
            "patch" when request.ContentType?.StartsWith(ApplyPatchType, StringComparison.Ordinal) == true => "APPLY",
            var other => other.ToUpperInvariant(),
        };
        var scope = attributes.Name.Length > 0 || attributes.Verb == "create" ? "resource"
            : attributes.Namespace.Length > 0 ? "namespace"
            : "cluster";
        return new RequestSeries(verb, dryRun, attributes.ApiGroup, attributes.ApiVersion, attributes.Resource, attributes.Subresource, scope);
    }
}
