using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.HighAvailability.Tests;

/// <summary>
/// The errors the platform's processes logged while the graph ran (each <c>fail:</c> or <c>crit:</c> entry with the lines
/// that follow it), so a failed request in a test comes with the exception that caused it.
/// </summary>
public sealed partial class ErrorLogs : IAsyncDisposable
{
    private const int LinesPerEntry = 40;
    private const int KeptEntries = 200;
    private const int KeptLines = 100_000;
    private const int LinesAroundAMoment = 400;

    private readonly ConcurrentQueue<string> _entries = new();
    private readonly ConcurrentQueue<(DateTimeOffset At, string Resource, string Line)> _recent = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Task> _watches = new();
    private readonly ConcurrentDictionary<string, int> _linesPerResource = new();
    private readonly Task _discovery;

    private ErrorLogs(DistributedApplication app, IEnumerable<string> resources)
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var followed = resources.ToHashSet(StringComparer.Ordinal);
        _discovery = Task.Run(() => DiscoverAsync(app.ResourceNotifications, logs, followed));
    }

    public static ErrorLogs Follow(DistributedApplication app, IEnumerable<string> resources) => new(app, resources);

    /// <summary>Every error entry kept so far, newest last.</summary>
    public string Describe() => _entries.IsEmpty ? "(no error was logged)" : string.Join("\n", _entries);

    /// <summary>How many lines <paramref name="resource"/>'s processes have logged so far: proof that its log is followed.</summary>
    public int LinesFrom(string resource) => _linesPerResource.GetValueOrDefault(resource);

    /// <summary>Every line any process wrote within <paramref name="window"/> of <paramref name="moment"/>, whatever its level, for a failure no error explains.</summary>
    public string Around(DateTimeOffset moment, TimeSpan window)
    {
        var lines = _recent.Where(line => (line.At - moment).Duration() <= window).Take(LinesAroundAMoment)
            .Select(line => $"[{line.Resource} {line.At:HH:mm:ss.fff}] {line.Line}").ToList();
        return lines.Count == 0 ? "(nothing was logged then)" : string.Join("\n", lines);
    }

    // Logs are kept per running instance, whose id differs from the resource's name; a surge slot's instance appears
    // only when it first starts.
    private async Task DiscoverAsync(ResourceNotificationService notifications, ResourceLoggerService logs, HashSet<string> followed)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(_stop.Token))
            {
                if (followed.Contains(change.Resource.Name))
                {
                    _ = _watches.GetOrAdd(change.ResourceId, instance => Task.Run(() => WatchAsync(logs, instance, change.Resource.Name)));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WatchAsync(ResourceLoggerService logs, string instance, string resource)
    {
        StringBuilder? entry = null;
        var lines = 0;
        try
        {
            await foreach (var batch in logs.WatchAsync(instance).WithCancellation(_stop.Token))
            {
                foreach (var line in batch)
                {
                    var content = Plain(line.Content);
                    _recent.Enqueue((DateTimeOffset.UtcNow, resource, content));
                    _linesPerResource.AddOrUpdate(resource, 1, (_, count) => count + 1);
                    while (_recent.Count > KeptLines && _recent.TryDequeue(out _))
                    {
                    }

                    if (content.StartsWith("fail:", StringComparison.Ordinal) || content.StartsWith("crit:", StringComparison.Ordinal))
                    {
                        Keep(entry);
                        entry = new StringBuilder($"[{resource} {DateTimeOffset.UtcNow:HH:mm:ss.fff}] {content}\n");
                        lines = 1;
                    }
                    else if (entry is not null && lines < LinesPerEntry && content.StartsWith(' '))
                    {
                        entry.Append(content).Append('\n');
                        lines++;
                    }
                    else
                    {
                        Keep(entry);
                        entry = null;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Keep(entry);
    }

    // A line as the console logger wrote it: without colour codes and without the timestamp the capture put in front.
    private static string Plain(string line) => LeadingTimestamp().Replace(ColourCodes().Replace(line, ""), "");

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex ColourCodes();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T[0-9:.]+Z ")]
    private static partial Regex LeadingTimestamp();

    private void Keep(StringBuilder? entry)
    {
        if (entry is null)
        {
            return;
        }

        _entries.Enqueue(entry.ToString());
        while (_entries.Count > KeptEntries && _entries.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _discovery;
        await Task.WhenAll(_watches.Values);
        _stop.Dispose();
    }
}
