using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api;

/// <summary>Synthetic container logs: a steady, deterministic line stream per container, optionally followed.</summary>
public static class PodLogs
{
    private static readonly string[] Messages =
    [
        "GET /healthz 200 1ms", "processed batch of 64 items", "cache refreshed", "GET /api/v1/items 200 12ms",
        "connection pool: 8 active, 24 idle", "leader lease renewed", "POST /api/v1/orders 201 23ms", "gc pause 2ms",
    ];

    private const int StartupLines = 3;

    public static async Task StreamAsync(HttpContext context, JsonObject pod, RequestQuery query)
    {
        var containers = (pod.At("spec.containers") as JsonArray)?.Select(c => c.Str("name") ?? "").ToList() ?? [];
        var container = query["container"] ?? (containers.Count == 1 ? containers[0] : null);
        if (container is null || !containers.Contains(container))
        {
            throw ApiException.BadRequest(container is null
                ? $"a container name must be specified for pod {pod.StrAt("metadata.name")}, choose one of: [{string.Join(" ", containers)}]"
                : $"container {container} is not valid for pod {pod.StrAt("metadata.name")}");
        }
        if (pod.StrAt("status.phase") == "Pending")
        {
            throw ApiException.BadRequest($"container \"{container}\" in pod \"{pod.StrAt("metadata.name")}\" is waiting to start: ContainerCreating");
        }
        var started = DateTime.TryParse(pod.StrAt("status.startTime"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var s) ? s : DateTime.UtcNow;
        var timestamps = query.Flag("timestamps");
        var total = StartupLines + (int)Math.Min(500, Math.Max(0, (DateTime.UtcNow - started).TotalSeconds) / 2);
        var first = query.Int("tailLines") is { } tail ? Math.Max(0, total - tail) : 0;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        var builder = new StringBuilder();
        for (var i = first; i < total; i++)
        {
            builder.Append(Line(pod, container, started, i, timestamps));
        }
        await context.Response.WriteAsync(builder.ToString(), context.RequestAborted);
        if (!query.Flag("follow"))
        {
            return;
        }
        await context.Response.Body.FlushAsync(context.RequestAborted);
        for (var i = total; !context.RequestAborted.IsCancellationRequested; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), context.RequestAborted);
            await context.Response.WriteAsync(Line(pod, container, started, i, timestamps), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static string Line(JsonObject pod, string container, DateTime started, int index, bool timestamps)
    {
        var at = started.AddSeconds(2 * Math.Max(0, index - StartupLines + 1)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var message = Messages[(index + pod.StrAt("metadata.name")!.Length) % Messages.Length];
        var text = $"{at} INFO {container} [{pod.StrAt("metadata.name")}] {message}\n";
        return timestamps ? $"{at} {text}" : text;
    }
}
