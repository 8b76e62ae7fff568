using Dce.Insight.Apis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Alerting.Apis;

/// <summary>DCE's <c>alert/hook</c>: where Alertmanager sends every firing and resolved alert, with the shared bearer secret instead of a user's token.</summary>
internal static class HookApi
{
    public static IEndpointRouteBuilder MapAlertHookApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(InsightPaths.Group + "/alert/hook", ReceiveAsync).WithTags("Alert").AllowAnonymous()
            .WithName("Alert_AlertHook").WithSummary("Receives Alertmanager's notifications (bearer: the hook secret)");
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, [FromServices] AlertIngest ingest, [FromServices] IOptions<AlertingOptions> options, HookNotification notification)
    {
        if (!BearerSecret.Matches(http, options.Value.HookSecret))
        {
            return TypedResults.Problem("Present the hook secret as a bearer token.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        await ingest.StoreAsync(notification, http.RequestAborted);
        return TypedResults.Ok(new { });
    }
}
