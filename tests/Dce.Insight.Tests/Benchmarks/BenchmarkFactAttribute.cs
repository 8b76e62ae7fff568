namespace Dce.Insight.Tests.Benchmarks;

/// <summary>A measurement that runs only when <c>DCE_BENCHMARKS=1</c>; it reports figures and asserts no times.</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("DCE_BENCHMARKS") != "1")
        {
            Skip = "Benchmark: set DCE_BENCHMARKS=1 to run.";
        }
    }
}
