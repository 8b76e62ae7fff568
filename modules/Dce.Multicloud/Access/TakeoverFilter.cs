using Dce.Kubernetes.Manifests;
using Dce.Kubernetes.Resources;
using Dce.Multicloud.Apis.Objects;

namespace Dce.Multicloud.Access;

/// <summary>
/// A policy with <c>conflictResolution: Overwrite</c> takes over objects the members already had, whoever made them;
/// only a grant on the whole instance may write one, as only such a grant may promote a member's workload.
/// </summary>
internal sealed class TakeoverFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var body = context.Arguments.OfType<DataBody>().FirstOrDefault();
        var scope = context.HttpContext.Items[typeof(InstanceScope)] as InstanceScope;
        if (scope is not { Whole: true } && Overwrites(body?.Data))
        {
            return TypedResults.Problem("conflictResolution: Overwrite takes over the members' existing objects; it needs a grant on the whole instance. Leave it out (Abort).",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        return await next(context);
    }

    private static bool Overwrites(string? data)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return false;
        }

        try
        {
            return ObjectDocument.Parse(data)["spec"]?["conflictResolution"]?.ToString().Equals("Overwrite", StringComparison.OrdinalIgnoreCase) == true;
        }
        catch (ManifestShapeException)
        {
            // The handler refuses what does not parse, with the reason.
            return false;
        }
    }
}

internal static class TakeoverFilterExtensions
{
    /// <summary>For the writes of a propagation policy: refuses <c>conflictResolution: Overwrite</c> below a whole-instance grant.</summary>
    public static RouteHandlerBuilder RefusesTakeoverBelowInstanceGrant(this RouteHandlerBuilder endpoint, ServedKind kind) =>
        kind.Kind.Kind.EndsWith("PropagationPolicy", StringComparison.Ordinal) ? endpoint.AddEndpointFilter<TakeoverFilter>() : endpoint;
}
