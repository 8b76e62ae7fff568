using System.Diagnostics;

namespace Dce.KubeSim.Tests.Clients;

/// <summary>Runs a client's scenario script to its end, keeping what it printed for the failure message.</summary>
public static class ScriptRun
{
    /// <summary>The folder the scenario scripts are copied to next to the test assembly.</summary>
    public static string Folder(string client) => Path.Combine(AppContext.BaseDirectory, "Clients", client);

    public static async Task<ScriptResult> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // The system interpreter with its packaged client, not whatever a developer's environment points Python at.
        info.Environment.Remove("PYTHONPATH");
        info.Environment.Remove("PYTHONHOME");
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new ScriptResult(program, -1, await output, await error + $"\n(stopped: still running after {timeout})");
        }
        return new ScriptResult(program, process.ExitCode, await output, await error);
    }
}

/// <summary>How a script ended and what it printed.</summary>
public sealed record ScriptResult(string Program, int ExitCode, string Output, string Error)
{
    /// <summary>Fails the test with everything the script printed unless it exited 0.</summary>
    public void AssertSucceeded()
    {
        if (ExitCode != 0)
        {
            Assert.Fail($"{Program} exited with {ExitCode}.\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}");
        }
    }
}
