namespace Dce.ContainerManagement.Auditing;

/// <summary>Makes every call of a mutating endpoint leave exactly one audit record, succeeded or refused.</summary>
internal sealed class MutationFilter(string action, string resourceType) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var record = context.HttpContext.RequestServices.GetRequiredService<MutationRecord>();
        record.Begin(context.HttpContext, action, resourceType);
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception exception)
        {
            // The status the caller is answered: a cluster's refusal, 503 for an unreachable dependency, else 500.
            await record.WriteOutcomeAsync(Clusters.ClusterCallProblems.From(exception, context.HttpContext)?.Status
                ?? (Dce.ServiceDefaults.Api.DependencyUnavailable.WhatIsUnreachable(exception) is null ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable));
            throw;
        }

        await record.WriteOutcomeAsync(result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK);
        return result;
    }
}

/// <summary>Marks an endpoint as a mutation to audit.</summary>
public static class MutationEndpointExtensions
{
    /// <summary>Audits the endpoint; put it before the permission requirement so refused calls are recorded too.</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action, string resourceType) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new MutationFilter(action, resourceType));
}
