using System.Diagnostics;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>Runs kubectl (offline: <c>kustomize</c> needs no cluster).</summary>
internal static class Kubectl
{
    public static string Kustomize(string directory)
    {
        var (exitCode, output, error) = Run("kustomize", directory);
        Assert.True(exitCode == 0, $"kubectl kustomize {directory} failed: {error}");
        return output;
    }

    public static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
