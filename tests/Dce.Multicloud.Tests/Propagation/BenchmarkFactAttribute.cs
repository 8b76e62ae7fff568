namespace Dce.Multicloud.Tests.Propagation;

/// <summary>Runs only with <c>DCE_PROPAGATION_BENCHMARK=1</c>: it measures, and asserts no duration.</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("DCE_PROPAGATION_BENCHMARK") != "1")
        {
            Skip = "Set DCE_PROPAGATION_BENCHMARK=1 to measure the propagation engine.";
        }
    }
}
