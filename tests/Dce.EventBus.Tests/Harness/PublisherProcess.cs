using Dce.Testing;
using System.Diagnostics;

namespace Dce.EventBus.Tests.Harness;

/// <summary>The publishing module as a real child process (Dce.EventBus.Tests.Publisher), to be killed at a chosen moment.</summary>
internal sealed class PublisherProcess : IDisposable
{
    private readonly Process _process;

    private PublisherProcess(Process process) => _process = process;

    public static PublisherProcess Start(EventBusScenario scenario, int count, string mode)
    {
        var entry = Path.Combine(AppContext.BaseDirectory, "Dce.EventBus.Tests.Publisher.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { entry, scenario.OrdersDatabase, scenario.RabbitMq, scenario.Exchange, count.ToString(), mode })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The publisher process did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new PublisherProcess(process);
    }

    /// <summary>Reads the child's reports until <paramref name="line"/>; fails if it exits first.</summary>
    public async Task WaitForAsync(string line)
    {
        using var timeout = new CancellationTokenSource(Eventually.Patience);
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } reported)
        {
            if (reported == line)
            {
                return;
            }
        }

        Assert.Fail($"The publisher exited with {_process.ExitCode} before reporting '{line}'.");
    }

    /// <summary>Kills the process without any chance to clean up, as a node failure would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
