using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Dce.ServiceDefaults.Api;

/// <summary>The one shape of a 503: ProblemDetails saying what is unreachable, and <c>Retry-After</c>.</summary>
public static class DependencyUnavailable
{
    /// <summary>Seconds a client should wait before retrying.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Title of every 503 answer.</summary>
    public const string Title = "Service temporarily unavailable";

    /// <summary>What an exception says is unreachable (a 503), or null when it is not an outage of a dependency.</summary>
    public static string? WhatIsUnreachable(Exception exception) => exception switch
    {
        DependencyUnavailableException unavailable => unavailable.Message,
        StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException => "Redis cannot be reached.",
        _ when IsTransientDatabaseFailure(exception) => "The database cannot be reached or asked for a retry.",
        _ => null,
    };

    // A database that is restarting, unreachable or too slow, or that ends a transaction to be retried (a deadlock), says so
    // with a transient DbException, thrown as it is or wrapped by EF Core (its retry limit, or its advice to retry); a
    // refused statement is not transient and stays a 500.
    private static bool IsTransientDatabaseFailure(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is System.Data.Common.DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sets <c>Retry-After</c> on the response.</summary>
    public static void AskToRetry(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The detail of a 503: what is unreachable and when to retry.</summary>
    public static string Detail(string what) => $"{what} Retry in {RetryAfterSeconds} seconds.";

    /// <summary>503 ProblemDetails with <c>Retry-After</c>, for code that answers instead of throwing.</summary>
    public static ProblemHttpResult Problem(HttpContext http, string what)
    {
        AskToRetry(http);
        return TypedResults.Problem(Detail(what), statusCode: StatusCodes.Status503ServiceUnavailable, title: Title);
    }
}
