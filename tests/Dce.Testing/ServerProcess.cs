using System.Diagnostics;
using System.Text;
using Dce.LocalServers;

namespace Dce.Testing;

/// <summary>
/// A middleware server started from its <see cref="ServerLaunch"/> the way the AppHost starts it, for tests.
/// It runs in a process group of its own under a small shell that holds the read end of a pipe from this process: when
/// the pipe closes — on <see cref="StopAsync"/>, or because the process that started it ended in any way, even killed —
/// the shell sends the group its clean-shutdown signal, and KILL if it still runs after a grace period, so no test or
/// benchmark leaves a server behind.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    // Background jobs of a non-interactive shell read /dev/null unless told otherwise: keep the pipe on fd 3 for the
    // watcher. The watcher writes nowhere, so waiting for the shell's output never waits for the grace period.
    // RabbitMQ's epmd detaches into a session of its own: it goes with the node, unless the node only pauses.
    private const string Supervisor = """
        exec 3<&0
        setsid "$@" </dev/null &
        server=$!
        (
            read reason <&3
            kill -"$0" -"$server"
            waited=0
            while kill -0 -"$server" && [ "$waited" -lt 300 ]; do sleep 0.1; waited=$((waited + 1)); done
            kill -KILL -"$server"
            if [ "$reason" != pause ] && [ -n "$ERL_EPMD_PORT" ]; then epmd -port "$ERL_EPMD_PORT" -kill; fi
        ) >/dev/null 2>&1 &
        wait "$server"
        """;

    private const string Pause = "pause";

    private readonly ServerLaunch _launch;
    private readonly string _stopSignal;
    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <summary>Prepares a server; <paramref name="stopSignal"/> is the signal that shuts it down cleanly (TERM, INT).</summary>
    public ServerProcess(ServerLaunch launch, string stopSignal = "TERM")
    {
        _launch = launch;
        _stopSignal = stopSignal;
    }

    /// <summary>What the server printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the server and waits until <paramref name="isReady"/> answers true.</summary>
    public async Task StartAsync(Func<CancellationToken, Task<bool>> isReady, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = _launch.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["-c", Supervisor, _stopSignal, _launch.Command, .. _launch.Arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _launch.Environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_launch.Command}.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_launch.Command} exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if (await isReady(timeout.Token))
                {
                    return;
                }
            }
            catch (Exception) when (!timeout.IsCancellationRequested)
            {
                // Not accepting connections yet.
            }

            try
            {
                await Task.Delay(250, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{_launch.Command} did not become ready:\n{Output}");
            }
        }
    }

    /// <summary>Stops the server with its clean-shutdown signal and waits for it to exit, as an outage that a later start ends.</summary>
    public Task StopAsync() => StopAndWaitAsync(Pause);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAndWaitAsync(reason: null);
        _process?.Dispose();
    }

    private async Task StopAndWaitAsync(string? reason)
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        try
        {
            if (reason is not null)
            {
                await _process.StandardInput.WriteLineAsync(reason);
            }

            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The supervisor is already gone.
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    private void Kill()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
