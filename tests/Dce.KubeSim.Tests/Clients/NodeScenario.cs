namespace Dce.KubeSim.Tests.Clients;

/// <summary>The Node scenario's folder with its locked dependencies installed (<c>npm ci</c>) once per test run.</summary>
public sealed class NodeScenario : IAsyncLifetime
{
    public string Folder { get; } = ScriptRun.Folder("node");

    public async Task InitializeAsync()
    {
        var installed = Path.Combine(Folder, "node_modules", ".package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(Path.Combine(Folder, "package-lock.json")))
        {
            return;
        }
        var result = await ScriptRun.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Folder, TimeSpan.FromMinutes(5));
        result.AssertSucceeded();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
