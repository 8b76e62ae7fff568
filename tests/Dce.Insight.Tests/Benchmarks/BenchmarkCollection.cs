namespace Dce.Insight.Tests.Benchmarks;

/// <summary>The benchmarks run one after another: on two cores, one running beside another would be measured too.</summary>
[CollectionDefinition(Name)]
public sealed class BenchmarkCollection
{
    public const string Name = "Insight benchmarks";
}
