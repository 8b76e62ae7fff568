namespace Dce.KubeSim.Tests.Clients;

/// <summary>The Node scenario's folder with its locked dependencies installed (<c>npm ci</c>) once per test run.</summary>
public sealed class NodeScenario : IAsyncLifetime
{
    // client-node 2.0.1 wants undici 8 (Node 22.19); the lock pins undici 7.30, whose floor is Node 20.18.1.
    private static readonly Version OldestNode = new(20, 18, 1);

    public string Folder { get; } = ScriptRun.Folder("node");

    public async Task InitializeAsync()
    {
        var version = await ScriptRun.RunAsync("node", ["--version"], Folder, TimeSpan.FromMinutes(1));
        version.AssertSucceeded();
        if (!Version.TryParse(version.Output.Trim().TrimStart('v'), out var node) || node < OldestNode)
        {
            Assert.Fail($"The Node client scenario needs Node.js {OldestNode} or newer; `node --version` says {version.Output.Trim()}.");
        }
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
