using Dce.Multicloud.Instances;
using Dce.Platform.Contracts.Authorization;
using Dce.ServiceDefaults.Api;

namespace Dce.Multicloud.Access;

/// <summary>
/// Answers 404 for an instance that does not exist and 403 unless the caller's grant reaches as far as the route needs;
/// hands the handler the caller's <see cref="InstanceScope"/> so lists hold only what it covers.
/// </summary>
internal sealed class InstanceAccessFilter(string action, string resourceType, Reach reach) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!BearerCaller.TryGet(http, out _, out _))
        {
            return TypedResults.Problem("Sign in first: this call needs a bearer token.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        var instance = (http.Request.RouteValues["instance"] ?? http.Request.RouteValues["name"])?.ToString() ?? "";
        if (http.RequestServices.GetRequiredService<ControlPlanes>().Settings(instance) is null)
        {
            return TypedResults.Problem($"Instance {instance} does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        InstanceScope scope;
        try
        {
            scope = await http.RequestServices.GetRequiredService<InstanceAccess>().ScopeAsync(action, resourceType, instance, http.RequestAborted);
        }
        catch (HttpRequestException)
        {
            return DependencyUnavailable.Problem(http, "Authorization cannot be checked right now: Global Management cannot be reached.");
        }

        var ns = http.Request.RouteValues["namespace"]?.ToString();
        if (ns is not null && Apis.NamespacesApi.IsKarmadaOwn(ns)
            && (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText?.StartsWith(Apis.KairshipPaths.Namespace, StringComparison.Ordinal) == true)
        {
            // The control plane's own namespaces (members' credentials, the failover settings): they change only through their own checked paths.
            return TypedResults.Problem($"Namespace {ns} belongs to Karmada itself; its objects change only through the instance's own endpoints.",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        var allowed = reach switch
        {
            Reach.Namespace => scope.Covers(ns),
            Reach.Instance => scope.Whole,
            _ => !scope.IsEmpty,
        };
        if (!allowed)
        {
            var where = reach == Reach.Namespace ? $"namespace {ns} of instance {instance}" : $"instance {instance}";
            return TypedResults.Problem($"You may not {action} {resourceType} in {where}. Ask for a role in a workspace bound to it.",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        http.Items[typeof(InstanceScope)] = scope;
        return await next(context);
    }
}

internal static class InstanceAccessExtensions
{
    public static RouteHandlerBuilder RequireInstanceAccess(this RouteHandlerBuilder endpoint, string action, string resourceType, Reach reach) =>
        endpoint.AddEndpointFilter(new InstanceAccessFilter(action, resourceType, reach))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>The scope <see cref="InstanceAccessFilter"/> found for this request.</summary>
    public static InstanceScope InstanceScope(this HttpContext http) =>
        http.Items[typeof(InstanceScope)] as InstanceScope ?? Access.InstanceScope.Nothing;
}
