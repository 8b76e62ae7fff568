using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;

namespace Dce.Gateway.Balancing;

/// <summary>What went wrong when a request was forwarded to a replica, as far as re-sending it is concerned.</summary>
internal enum ForwardingFailure
{
    /// <summary>The request was forwarded and answered (whatever the status).</summary>
    None,

    /// <summary>The replica could not be reached: nothing was sent, so any request may go to another replica.</summary>
    Undelivered,

    /// <summary>The request was sent but the replica gave no answer (it died or reset the connection): it may have taken effect.</summary>
    Unanswered,

    /// <summary>Anything else (the caller went away, a timeout, a bad request body, a failure while answering): never re-sent.</summary>
    Other,
}

/// <summary>Reads YARP's error of the last forwarding attempt as a <see cref="ForwardingFailure"/>.</summary>
internal static class ForwardingFailures
{
    public static ForwardingFailure Of(HttpContext context)
    {
        if (context.Features.Get<IForwarderErrorFeature>() is not { } failure)
        {
            return ForwardingFailure.None;
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            return ForwardingFailure.Other;
        }

        return failure.Error switch
        {
            ForwarderError.Request when NeverConnected(failure.Exception) => ForwardingFailure.Undelivered,
            ForwarderError.Request or ForwarderError.RequestBodyDestination => ForwardingFailure.Unanswered,
            _ => ForwardingFailure.Other,
        };
    }

    private static bool NeverConnected(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
                || error is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable })
            {
                return true;
            }
        }

        return false;
    }
}
