using System.Text;

namespace Dce.KubeSim.Api;

/// <summary>
/// The API server's health endpoints: <c>/livez</c>, <c>/readyz</c> and the older <c>/healthz</c>, each with
/// <c>?verbose</c> and one path per check (<c>/readyz/etcd</c>). Like kube-apiserver's defaults, they need no token.
/// </summary>
internal static class HealthEndpoints
{
    private static readonly string[] Endpoints = ["healthz", "livez", "readyz"];
    private static readonly string[] LiveChecks = ["ping", "log", "etcd"];
    private static readonly string[] ReadyChecks = [.. LiveChecks, "informer-sync", "shutdown"];

    /// <summary>True when <paramref name="path"/> is a health endpoint, answered in <paramref name="response"/>.</summary>
    public static bool TryServe(HttpContext context, string? path, out Task response)
    {
        response = Task.CompletedTask;
        var segments = (path ?? "").Trim('/').Split('/');
        if (!Endpoints.Contains(segments[0]) || segments.Length > 2)
        {
            return false;
        }

        var checks = segments[0] == "readyz" ? ReadyChecks : LiveChecks;
        response = segments switch
        {
            [_, var check] when checks.Contains(check) => Text(context, 200, "ok"),
            [_, var check] => Text(context, 404, $"404 page not found: {check}\n"),
            _ when context.Request.Query.ContainsKey("verbose") => Text(context, 200, Verbose(segments[0], checks)),
            _ => Text(context, 200, "ok"),
        };
        return true;
    }

    private static string Verbose(string endpoint, string[] checks)
    {
        var text = new StringBuilder();
        foreach (var check in checks)
        {
            text.Append("[+]").Append(check).Append(" ok\n");
        }

        return text.Append(endpoint).Append(" check passed\n").ToString();
    }

    private static Task Text(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
