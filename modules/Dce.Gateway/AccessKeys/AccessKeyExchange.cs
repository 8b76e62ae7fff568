using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc;

namespace Dce.Gateway.AccessKeys;

/// <summary>
/// Lets a personal access key stand where a token goes (<c>Authorization: Bearer dcek_...</c>), as clients such as
/// kubectl and CI jobs send it: the gateway exchanges the key at Global Management for a short-lived token and forwards
/// that token, so every module behind sees an ordinary token and checks it as usual. An unknown, expired or deleted key
/// is a 401 here and reaches no module.
/// </summary>
internal sealed partial class AccessKeyExchange(RequestDelegate next, AccessKeyTokens tokens, ILogger<AccessKeyExchange> logger)
{
    public const string KeyPrefix = "dcek_";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is not { } key || !key.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var exchanged = await tokens.ExchangeAsync(key, context.Connection.RemoteIpAddress?.ToString() ?? "", context.RequestAborted);
        switch (exchanged.Outcome)
        {
            case ExchangeOutcome.Exchanged:
                context.Request.Headers.Authorization = "Bearer " + exchanged.Token;
                await next(context);
                return;
            case ExchangeOutcome.Refused:
                await WriteProblemAsync(context, StatusCodes.Status401Unauthorized, "The access key is not valid.",
                    "The access key is unknown, expired or deleted. Create a new one under the current user's access keys.");
                return;
            case ExchangeOutcome.Disabled:
                await WriteProblemAsync(context, StatusCodes.Status403Forbidden, "The account is disabled.",
                    "The access key belongs to a disabled account. Ask an administrator to enable it.");
                return;
            case ExchangeOutcome.Limited:
                context.Response.Headers.RetryAfter = "1";
                await WriteProblemAsync(context, StatusCodes.Status429TooManyRequests, "Too many access-key exchanges.",
                    "This client started more access-key exchanges than allowed (Gateway:AccessKeys:ExchangesPerSecond); retry after the Retry-After delay.");
                return;
            default:
                LogIdentityUnavailable(logger);
                context.Response.Headers.RetryAfter = "5";
                await WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "Access keys cannot be checked now.",
                    "Global Management did not answer the access-key exchange; retry shortly.");
                return;
        }
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail },
            options: null, contentType: "application/problem+json", context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An access key could not be exchanged: Global Management did not answer")]
    private static partial void LogIdentityUnavailable(ILogger logger);
}
