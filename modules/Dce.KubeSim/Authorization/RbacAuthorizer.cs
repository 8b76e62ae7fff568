using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Authorization;

/// <summary>Decides requests as kube-apiserver with <c>--authorization-mode=RBAC</c>: system:masters always, others by their bindings.</summary>
public static class RbacAuthorizer
{
    public static AuthorizationDecision Decide(SimulatedCluster sim, RequestAttributes request)
    {
        if (request.User.IsMaster)
        {
            return new AuthorizationDecision(true, "");
        }
        foreach (var source in RbacRules.For(sim, request.User, request.Namespace))
        {
            if (source.Rules.Any(rule => rule.Allows(request)))
            {
                return new AuthorizationDecision(true, "RBAC: allowed by " + source.Description);
            }
        }
        return new AuthorizationDecision(false, "");
    }

    /// <summary>Throws the API server's 403 when <paramref name="request"/> is not allowed.</summary>
    public static void Require(SimulatedCluster sim, RequestAttributes request)
    {
        if (!Decide(sim, request).Allowed)
        {
            throw Forbidden(request);
        }
    }

    public static ApiException Forbidden(RequestAttributes request)
    {
        var user = request.User.Name;
        if (!request.IsResourceRequest)
        {
            return new ApiException(403, "Forbidden", $"forbidden: User \"{user}\" cannot {request.Verb} path \"{request.Path}\"",
                new System.Text.Json.Nodes.JsonObject());
        }
        var scope = request.Namespace.Length > 0 ? $"in the namespace \"{request.Namespace}\"" : "at the cluster scope";
        var why = $"User \"{user}\" cannot {request.Verb} resource \"{request.ResourceWithSubresource}\" in API group \"{request.ApiGroup}\" {scope}";
        var qualified = request.ApiGroup.Length == 0 ? request.Resource : request.Resource + "." + request.ApiGroup;
        var message = request.Name.Length == 0 ? $"{qualified} is forbidden: {why}" : $"{qualified} \"{request.Name}\" is forbidden: {why}";
        var details = new System.Text.Json.Nodes.JsonObject();
        if (request.Name.Length > 0)
        {
            details["name"] = request.Name;
        }
        if (request.ApiGroup.Length > 0)
        {
            details["group"] = request.ApiGroup;
        }
        details["kind"] = request.Resource;
        return new ApiException(403, "Forbidden", message, details);
    }
}

/// <summary>An authorizer's answer and the reason it gives.</summary>
public sealed record AuthorizationDecision(bool Allowed, string Reason);
