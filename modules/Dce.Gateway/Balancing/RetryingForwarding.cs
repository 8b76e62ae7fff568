using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Dce.Gateway.Balancing;

/// <summary>
/// The first step of YARP's per-request pipeline, ahead of load balancing: when a replica cannot be reached the
/// request goes to another one, whatever its method; when a replica took the request and died before answering, the
/// request is repeated on another one only if repeating it is safe (<see cref="Repeatable"/>). Attempts are bounded
/// and only bodies small enough to be kept in memory are sent twice. The response is never buffered: once a
/// replica's answer has started, it is the answer.
/// </summary>
internal sealed class RetryingForwarding(RequestDelegate next, IOptions<BalancingSettings> settings)
{
    private readonly int _maxAttempts = Math.Max(1, settings.Value.Retries.MaxAttempts);
    private readonly int _maxBufferedBodyBytes = settings.Value.Retries.MaxBufferedBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        var module = proxy.Cluster.Config.ClusterId;
        if (proxy.AvailableDestinations.Count == 0)
        {
            await ReplicaProblems.NoReadyReplicaAsync(context, module);
            return;
        }

        var bodyResendable = ResendableBody.Prepare(context.Request, _maxBufferedBodyBytes);
        List<DestinationState>? tried = null;
        for (var attempt = 1; ; attempt++)
        {
            await next(context);

            var failure = ForwardingFailures.Of(context);
            if (failure is ForwardingFailure.None or ForwardingFailure.Other || context.Response.HasStarted)
            {
                // Other failures keep YARP's status (504, 400...), which the status-code pages answer as ProblemDetails.
                return;
            }

            (tried ??= []).Add(proxy.ProxiedDestination!);
            var mayResend = bodyResendable && (failure == ForwardingFailure.Undelivered || Repeatable.IsSafe(context.Request));
            var others = mayResend && attempt < _maxAttempts ? Untried(proxy, tried) : [];
            if (others.Count == 0)
            {
                await (failure == ForwardingFailure.Undelivered
                    ? ReplicaProblems.UnreachableAsync(context, module)
                    : ReplicaProblems.NoAnswerAsync(context, module, repeated: mayResend));
                return;
            }

            PrepareNextAttempt(context, proxy, others);
        }
    }

    private static List<DestinationState> Untried(IReverseProxyFeature proxy, List<DestinationState> tried)
    {
        // Read again: passive health may already have taken a failed replica out.
        var available = proxy.Route.Cluster!.DestinationsState.AvailableDestinations;
        var untried = new List<DestinationState>(available.Count);
        foreach (var destination in available)
        {
            if (!tried.Contains(destination))
            {
                untried.Add(destination);
            }
        }

        return untried;
    }

    private static void PrepareNextAttempt(HttpContext context, IReverseProxyFeature proxy, List<DestinationState> others)
    {
        context.Features.Set<IForwarderErrorFeature>(null);
        context.Response.StatusCode = StatusCodes.Status200OK;
        proxy.ProxiedDestination = null;
        proxy.AvailableDestinations = others;
        ResendableBody.Rewind(context.Request);
    }
}
