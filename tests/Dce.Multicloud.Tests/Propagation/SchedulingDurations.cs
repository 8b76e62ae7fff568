using System.Diagnostics.Metrics;
using Dce.Multicloud.Propagation;
using Dce.Testing;

namespace Dce.Multicloud.Tests.Propagation;

/// <summary>Collects the engine's <c>dce.multicloud.scheduling.duration</c> measurements, in milliseconds, by strategy.</summary>
public sealed class SchedulingDurations : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<(string Strategy, double Milliseconds)> samples = [];

    public SchedulingDurations()
    {
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Name == PropagationTelemetry.SchedulingDurationName)
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            var strategy = "";
            foreach (var tag in tags)
            {
                if (tag.Key == PropagationTelemetry.StrategyTag)
                {
                    strategy = tag.Value as string ?? "";
                }
            }

            lock (samples)
            {
                samples.Add((strategy, seconds * 1000));
            }
        });
        listener.Start();
    }

    /// <summary>Forgets what was measured so far, to measure the next phase alone.</summary>
    public void Clear()
    {
        lock (samples)
        {
            samples.Clear();
        }
    }

    /// <summary>One line per strategy and one for all: count, p50, p99 and max.</summary>
    public IEnumerable<string> Summary()
    {
        List<(string Strategy, double Milliseconds)> taken;
        lock (samples)
        {
            taken = [.. samples];
        }

        return taken.GroupBy(sample => sample.Strategy).Select(group => Line(group.Key, [.. group.Select(sample => sample.Milliseconds)]))
            .Append(Line("all", [.. taken.Select(sample => sample.Milliseconds)]));
    }

    public void Dispose() => listener.Dispose();

    private static string Line(string strategy, List<double> milliseconds) => milliseconds.Count == 0
        ? $"{strategy}: no decision"
        : $"{strategy}: {milliseconds.Count} decisions, p50 {Percentiles.Of(milliseconds, 50):F1} ms, p99 {Percentiles.Of(milliseconds, 99):F1} ms, max {milliseconds.Max():F1} ms";
}
