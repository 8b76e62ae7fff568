namespace Dce.AppHost.Tests.WebConsole;

/// <summary>
/// A test that runs only when <c>variable=1</c> is set: it writes files or measures (screenshots, benchmarks), which the
/// ordinary test run must not do. Otherwise it is reported as skipped, saying how to run it.
/// </summary>
public sealed class OptInFactAttribute : FactAttribute
{
    public OptInFactAttribute(string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) != "1")
        {
            Skip = $"Runs when {variable}=1 is set.";
        }
    }
}
