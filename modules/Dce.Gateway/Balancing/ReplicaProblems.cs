using Dce.ServiceDefaults.Api;

namespace Dce.Gateway.Balancing;

/// <summary>The gateway's own answers when a module's replicas could not serve a request, each naming the module.</summary>
internal static class ReplicaProblems
{
    public static Task NoReadyReplicaAsync(HttpContext context, string module) =>
        DependencyUnavailable.Problem(context, $"No replica of {module} is ready.").ExecuteAsync(context);

    public static Task UnreachableAsync(HttpContext context, string module) =>
        DependencyUnavailable.Problem(context, $"No replica of {module} could be reached.").ExecuteAsync(context);

    public static Task NoAnswerAsync(HttpContext context, string module, bool repeated) =>
        TypedResults.Problem(
            repeated
                ? $"A replica of {module} failed before answering, and no other replica could take the request."
                : $"A replica of {module} failed before answering. The request was not repeated because it may have taken effect; "
                  + $"send it with an {Repeatable.IdempotencyKeyHeader} header to let the gateway repeat it on another replica.",
            statusCode: StatusCodes.Status502BadGateway,
            title: "Bad gateway").ExecuteAsync(context);
}
