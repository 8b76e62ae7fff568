using System.Diagnostics;

namespace Dce.HighAvailability.Tests;

/// <summary>Runs the repository's <c>build.sh</c> against a graph's upgrade inbox, as an operator would.</summary>
internal static class BuildScript
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string upgradeInbox, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(Dce.Testing.RepositoryRoot.Path, "build.sh"))
        {
            WorkingDirectory = Dce.Testing.RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DCE_UPGRADE_INBOX"] = upgradeInbox },
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await script.WaitForExitAsync(timeout.Token);
        return (script.ExitCode, await output + await errors);
    }
}
