namespace Dce.GlobalManagement.Services.Audit;

/// <summary>Makes every call of a mutating endpoint leave exactly one audit record, succeeded or failed.</summary>
internal sealed class AuditFilter(string action, string resourceType) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var trail = context.HttpContext.RequestServices.GetRequiredService<AuditTrail>();
        trail.Begin(context.HttpContext, action, resourceType);
        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await trail.WriteOutcomeAsync(StatusCodes.Status500InternalServerError);
            throw;
        }

        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        await trail.WriteOutcomeAsync(status);
        return result;
    }
}

/// <summary>Marks an endpoint as a mutation to audit.</summary>
public static class AuditEndpointExtensions
{
    /// <summary>Audits the endpoint; call it before any permission requirement so refused calls are recorded too.</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action, string resourceType) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new AuditFilter(action, resourceType));
}
