using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api.Proxy;

/// <summary>What a simulated backend behind the API server's proxy answers, and the API server's error when it cannot reach one.</summary>
internal static class ProxiedBackend
{
    /// <summary>A plain-text answer, as the Go HTTP servers behind a proxy write them.</summary>
    public static Task Text(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>A path the backend does not serve, answered as Go's default mux does.</summary>
    public static Task PageNotFound(HttpContext context) => Text(context, 404, "404 page not found\n");

    /// <summary>The 503 the proxy's transport answers when dialing the backend fails.</summary>
    public static ApiException Unreachable(string host, int port, string cause) =>
        new(503, "ServiceUnavailable", $"error trying to reach service: dial tcp {host}:{port}: {cause}");
}
