using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Dce.Gateway.RateLimiting;

/// <summary>
/// A token bucket per subject (the token's <c>sub</c>; the client address for anonymous calls), on each gateway replica.
/// A caller over its budget gets 429 ProblemDetails with <c>Retry-After</c>.
/// </summary>
public static class SubjectRateLimiting
{
    /// <summary>Configuration section of the limits.</summary>
    public const string Section = "Gateway:RateLimit";

    /// <summary>Registers the limiter.</summary>
    public static WebApplicationBuilder AddSubjectRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var limits = configuration.GetSection(Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetTokenBucketLimiter(SubjectOf(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = "1";
                await response.WriteAsJsonAsync(new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests.",
                    Detail = $"At most {limits.RequestsPerSecond} requests per second (bursts of {limits.Burst}) per caller; retry after the Retry-After delay.",
                }, options: null, contentType: "application/problem+json", cancellationToken);
            };
        });
        return builder;
    }

    private static string SubjectOf(HttpContext context) =>
        context.User.FindFirst("sub")?.Value is { } subject
            ? "sub:" + subject
            : "ip:" + context.Connection.RemoteIpAddress;
}
