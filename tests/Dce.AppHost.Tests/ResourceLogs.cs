using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.AppHost.Tests;

/// <summary>What a resource of the running graph has logged so far.</summary>
public static class ResourceLogs
{
    public static async Task<string> ReadAsync(DistributedApplication app, string resource, int lastLines = int.MaxValue, TimeSpan? quietAfter = null)
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        // Logs are kept per running instance, whose id differs from the resource's name.
        var instance = app.ResourceNotifications.TryGetCurrentState(resource, out var state) ? state.ResourceId : resource;
        var lines = new List<string>();
        using var quiet = new CancellationTokenSource(quietAfter ?? TimeSpan.FromSeconds(3));
        try
        {
            await foreach (var batch in logs.WatchAsync(instance).WithCancellation(quiet.Token))
            {
                lines.AddRange(batch.Select(line => line.Content));
            }
        }
        catch (OperationCanceledException)
        {
        }

        return new StringBuilder().AppendJoin('\n', lines.TakeLast(lastLines)).ToString();
    }
}
