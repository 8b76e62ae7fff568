using System.Collections.Concurrent;
using System.Diagnostics;
using Dce.ServiceDefaults.Telemetry;

namespace Dce.EventBus.Tests.Harness;

/// <summary>Counts the consume outcomes the bus reports on its spans for one queue, the way a trace backend would see them.</summary>
internal sealed class ConsumeObserver : IDisposable
{
    private const string OutcomeTag = "dce.event_bus.outcome";
    private readonly ConcurrentDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<ActivityTraceId> _traceIds = [];
    private readonly ActivityListener _listener;

    public ConsumeObserver(string queue)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TelemetryExtensions.DceSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.Kind == ActivityKind.Consumer
                    && activity.GetTagItem("messaging.destination.name") as string == queue
                    && activity.GetTagItem(OutcomeTag) is string outcome)
                {
                    _outcomes.AddOrUpdate(outcome, 1, (_, count) => count + 1);
                    _traceIds.Add(activity.TraceId);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Applied => CountOf(ConsumeOutcomes.Applied);

    public int Duplicates => CountOf(ConsumeOutcomes.Duplicate);

    public int Retried => CountOf(ConsumeOutcomes.Retried);

    public int DeadLettered => CountOf(ConsumeOutcomes.DeadLettered);

    public int Requeued => CountOf(ConsumeOutcomes.Requeued);

    /// <summary>The traces the consume spans joined.</summary>
    public IReadOnlyCollection<ActivityTraceId> TraceIds => _traceIds;

    public void Dispose() => _listener.Dispose();

    private int CountOf(string outcome) => _outcomes.TryGetValue(outcome, out var count) ? count : 0;
}
