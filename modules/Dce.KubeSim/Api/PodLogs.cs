using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Simulation.Pods;

namespace Dce.KubeSim.Api;

/// <summary>
/// Container logs as the kubelet serves them: the current instance or, with <c>previous</c>, the one before; with
/// <c>tailLines</c>, <c>sinceSeconds</c>, <c>sinceTime</c>, <c>timestamps</c>, and <c>follow</c> until the instance ends.
/// </summary>
public static class PodLogs
{
    private static readonly TimeSpan FollowPoll = TimeSpan.FromMilliseconds(500);

    public static async Task StreamAsync(HttpContext context, JsonObject pod, RequestQuery query, Func<JsonObject?>? reread = null)
    {
        var podName = pod.StrAt("metadata.name");
        var containers = (pod.At("spec.containers") as JsonArray)?.Select(c => c.Str("name") ?? "").ToList() ?? [];
        var initContainers = (pod.At("spec.initContainers") as JsonArray)?.Select(c => c.Str("name") ?? "").ToList() ?? [];
        var container = query["container"] ?? (containers.Count == 1 ? containers[0] : null);
        if (container is null || !(containers.Contains(container) || initContainers.Contains(container)))
        {
            throw ApiException.BadRequest(container is null
                ? $"a container name must be specified for pod {podName}, choose one of: [{string.Join(" ", containers)}]"
                : $"container {container} is not valid for pod {podName}");
        }
        var previous = query.Flag("previous");
        var log = previous ? ContainerLog.Previous(pod, container) : ContainerLog.Current(pod, container);
        if (log is null)
        {
            throw ApiException.BadRequest(previous
                ? $"previous terminated container \"{container}\" in pod \"{podName}\" not found"
                : $"container \"{container}\" in pod \"{podName}\" is waiting to start: {WaitingReason(pod, container)}");
        }
        var since = Since(query);
        var timestamps = query.Flag("timestamps");
        var lines = log.Lines(DateTime.UtcNow).Where(l => since is null || l.At >= since).ToList();
        var first = query.Int("tailLines") is { } tail ? Math.Max(0, lines.Count - tail) : 0;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        var builder = new StringBuilder();
        foreach (var line in lines.Skip(first))
        {
            builder.Append(Format(line, timestamps));
        }
        await context.Response.WriteAsync(builder.ToString(), context.RequestAborted);
        if (previous || !query.Flag("follow"))
        {
            return;
        }
        await context.Response.Body.FlushAsync(context.RequestAborted);
        var written = lines.Count;
        while (!context.RequestAborted.IsCancellationRequested)
        {
            await Task.Delay(FollowPoll, context.RequestAborted);
            var again = reread?.Invoke();
            var instance = (again is null ? null : new[] { ContainerLog.Current(again, container), ContainerLog.Previous(again, container) }.FirstOrDefault(l => l?.Id == log.Id))
                ?? log with { Finished = log.Finished ?? DateTime.UtcNow };
            var now = instance.Lines(DateTime.UtcNow).Where(l => since is null || l.At >= since).ToList();
            foreach (var line in now.Skip(written))
            {
                await context.Response.WriteAsync(Format(line, timestamps), context.RequestAborted);
            }
            written = Math.Max(written, now.Count);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (instance.Finished is not null)
            {
                return;
            }
        }
    }

    private static string WaitingReason(JsonObject pod, string container) =>
        ContainerLog.Status(pod, container).At("state.waiting").Str("reason") switch
        {
            "ErrImagePull" or "ImagePullBackOff" => "trying and failing to pull image",
            { } reason => reason,
            null => "ContainerCreating",
        };

    private static DateTime? Since(RequestQuery query)
    {
        if (query.Int("sinceSeconds") is { } seconds)
        {
            return DateTime.UtcNow.AddSeconds(-seconds);
        }
        return DateTime.TryParse(query["sinceTime"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time) ? time : null;
    }

    private static string Format((DateTime At, string Text) line, bool timestamps)
    {
        var at = line.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        return timestamps ? $"{at} {at} {line.Text}\n" : $"{at} {line.Text}\n";
    }
}
