using System.Diagnostics;
using System.Globalization;
using Dce.Testing;

namespace Dce.Insight.Tests.Benchmarks;

/// <summary>
/// The durations of one call measured one after another, and their percentiles in milliseconds. A call that fails counts
/// with the time the caller waited for its failure, and is counted apart.
/// </summary>
public sealed class LatencySeries(string name)
{
    private readonly List<double> _milliseconds = [];

    public string Name => name;

    public int Count => _milliseconds.Count;

    public int Failures { get; private set; }

    /// <summary>Times <paramref name="call"/> once and keeps its duration; its answer, or default when it failed.</summary>
    public async Task<T?> TimeAsync<T>(Func<Task<T>> call)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            return await call();
        }
        catch (HttpRequestException)
        {
            Failures++;
            return default;
        }
        finally
        {
            _milliseconds.Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    public double Percentile(double percentile) => Percentiles.Of(_milliseconds, percentile);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{name}: n={Count} p50={Percentile(50):F1} ms p95={Percentile(95):F1} ms p99={Percentile(99):F1} ms max={_milliseconds.Max():F1} ms failed={Failures}");
}
