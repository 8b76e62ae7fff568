using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Dce.Kubernetes.Outbound;
using k8s.Autorest;
using Microsoft.AspNetCore.WebUtilities;

namespace Dce.Kubernetes.Errors;

/// <summary>
/// A failed call to a cluster told as a status line (<c>HTTP 401 Unauthorized</c>, <c>connection refused</c>): what a
/// server answers is its own text and is never passed on to whoever gave the platform its address.
/// </summary>
public static class ConnectionFailures
{
    /// <summary>The status line of <paramref name="exception"/>, or null when it is not a failure to reach or be answered by a cluster.</summary>
    public static string? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is HttpOperationException { Response: { } response })
        {
            return StatusLine(response.StatusCode);
        }

        for (Exception? cause = exception; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case OutboundRefusedException refused:
                    return refused.Message;
                case AuthenticationException:
                    return "TLS handshake failed";
                case SocketException socket:
                    return socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "connection refused",
                        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
                        SocketError.TimedOut => "connection timed out",
                        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
                        SocketError.ConnectionReset or SocketError.ConnectionAborted => "connection reset",
                        _ => "connection failed",
                    };
            }
        }

        return exception switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "host not found",
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "TLS handshake failed",
            HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse } => "invalid response",
            HttpRequestException or IOException => "connection failed",
            TaskCanceledException or TimeoutException or OperationCanceledException => "timed out",
            _ => null,
        };
    }

    /// <summary>Whether the outbound policy refused the address the cluster's server resolved to.</summary>
    public static bool IsRefusedByPolicy(Exception exception)
    {
        for (Exception? cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is OutboundRefusedException)
            {
                return true;
            }
        }

        return false;
    }

    // The standard phrase, not the one the server sent.
    private static string StatusLine(HttpStatusCode code) => $"HTTP {(int)code} {ReasonPhrases.GetReasonPhrase((int)code)}".TrimEnd();
}
