namespace Dce.KubeSim.Tests.Metrics;

/// <summary>One sample line of an exposition: its metric name, labels and value.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>Whether the sample carries every one of <paramref name="labels"/> with that value.</summary>
    public bool Has(params (string Name, string Value)[] labels) =>
        labels.All(l => Labels.TryGetValue(l.Name, out var value) && value == l.Value);
}
