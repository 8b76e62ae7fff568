using System.Net;
using Dce.LocalServers;
using Dce.Testing;

namespace Dce.Upgrade.Tests.Modules;

/// <summary>A module of the previous release running as its own process on a loopback port, as a replica during an upgrade.</summary>
internal sealed class PreviousReleaseModule : IAsyncDisposable
{
    private readonly ServerProcess _process;
    private readonly HttpClient _probe;

    private PreviousReleaseModule(string name, ServerProcess process, Uri address)
    {
        Name = name;
        _process = process;
        Address = address;
        _probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
    }

    public string Name { get; }

    public Uri Address { get; }

    /// <summary>What the module logged, for failure messages.</summary>
    public string Log => _process.Output;

    /// <summary>Starts <paramref name="assembly"/> with <paramref name="settings"/> (configuration keys) and waits until its <c>/health</c> answers 200.</summary>
    public static async Task<PreviousReleaseModule> StartAsync(string name, string assembly, IReadOnlyDictionary<string, string> settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        // Settings go on the command line: the supervising shell drops environment variables whose names hold a '-' (ghippo-db).
        string[] arguments = [assembly, "--urls", address.ToString(), .. settings.Select(s => $"--{s.Key}={s.Value}")];
        var environment = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Development", ["ASPNETCORE_ENVIRONMENT"] = "Development" };
        var process = new ServerProcess(new ServerLaunch("dotnet", arguments, environment, Path.GetDirectoryName(assembly)!));
        var module = new PreviousReleaseModule(name, process, address);
        try
        {
            await process.StartAsync(module.IsHealthyAsync, CancellationToken.None);
        }
        catch (Exception failure) when (failure is InvalidOperationException or TimeoutException)
        {
            await module.DisposeAsync();
            throw new InvalidOperationException($"The previous release's {name} did not start on the new schema: {failure.Message}", failure);
        }

        return module;
    }

    /// <summary>Fails with the module's log when <paramref name="response"/> is a server error or not <paramref name="expected"/>.</summary>
    public async Task<HttpResponseMessage> ExpectAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{Name} of the previous release answered {(int)response.StatusCode} to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} " +
                $"(expected {(int)expected}): {body}\n--- {Name} log ---\n{Log}");
        }

        return response;
    }

    public async ValueTask DisposeAsync()
    {
        _probe.Dispose();
        await _process.DisposeAsync();
    }

    private async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var response = await _probe.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }
}
