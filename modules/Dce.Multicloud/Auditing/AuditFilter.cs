using Dce.EventBus;
using Dce.Multicloud.Infrastructure;
using Dce.Platform.Contracts.IntegrationEvents;
using Dce.ServiceDefaults.Api;

namespace Dce.Multicloud.Auditing;

/// <summary>
/// Makes every call of a mutating endpoint leave one audit record, succeeded or refused, naming the object as
/// <c>instance/namespace/name</c>. The record follows the control plane's answer: the control plane is not this module's
/// database, so the two cannot commit together.
/// </summary>
internal sealed class AuditFilter(string action, string resourceType) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception exception)
        {
            await RecordAsync(http, DependencyUnavailable.WhatIsUnreachable(exception) is null ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable);
            throw;
        }

        await RecordAsync(http, result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK);
        return result;
    }

    private async Task RecordAsync(HttpContext http, int statusCode)
    {
        var route = http.Request.RouteValues;
        var name = string.Join('/', new[] { route["instance"], route["namespace"], route["name"] }.Where(part => part is not null));
        http.RequestServices.GetRequiredService<IIntegrationEventOutbox>()
            .Add(AuditRecorded.For(http, MulticloudExtensions.PermissionModule, action, resourceType, name.Length == 0 ? null : name, null, statusCode));
        await http.RequestServices.GetRequiredService<MulticloudDbContext>().SaveChangesAsync(CancellationToken.None);
    }
}

/// <summary>Marks an endpoint as a mutation to audit.</summary>
internal static class AuditExtensions
{
    /// <summary>Audits the endpoint; put it before the access requirement so refused calls are recorded too.</summary>
    public static RouteHandlerBuilder Audited(this RouteHandlerBuilder builder, string action, string resourceType) =>
        builder.AddEndpointFilter(new AuditFilter(action, resourceType));
}
