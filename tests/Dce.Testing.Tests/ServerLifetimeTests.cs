using System.Diagnostics;

namespace Dce.Testing.Tests;

/// <summary>A server the harness starts never outlives the process that started it, however that process ends.</summary>
public sealed class ServerLifetimeTests
{
    [Theory]
    [InlineData("redis")]
    [InlineData("postgres")]
    [InlineData("rabbitmq")]
    public async Task A_server_dies_with_the_process_that_started_it_even_when_that_process_is_killed(string server)
    {
        using var holder = StartHolder(server);
        var ready = await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(3));
        if (ready != "ready")
        {
            holder.Kill();
            Assert.Fail($"The holder did not start {server}: {ready}{await holder.StandardError.ReadToEndAsync()}");
        }

        var servers = ProcessTree.Descendants(holder.Id);
        Assert.NotEmpty(servers);

        holder.Kill();

        await Eventually.Until(() => !servers.Any(ProcessTree.IsAlive), $"{server} processes {string.Join(", ", servers)} gone", TimeSpan.FromSeconds(60));
    }

    private static Process StartHolder(string server)
    {
        var holder = Path.Combine(AppContext.BaseDirectory, "Dce.Testing.ServerHolder.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["exec", holder, server])
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the holder.");
    }
}
