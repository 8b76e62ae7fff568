using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Clients;

/// <summary>The official Python client (Debian's <c>python3-kubernetes</c>) against a cluster's kubeconfig.</summary>
[Collection(KubeSimCollection.Name)]
public sealed class PythonClientTests(KubeSimServer server)
{
    // The system interpreter: its dist-packages hold the client that python3-kubernetes installs.
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task The_python_client_lists_creates_patches_scales_watches_and_reads_logs_and_custom_objects()
    {
        var ns = "py-" + Guid.NewGuid().ToString("N")[..8];

        var result = await ScriptRun.RunAsync(Python, [Path.Combine(ScriptRun.Folder("python"), "scenario.py"), server.KubeconfigPath(), ns],
            ScriptRun.Folder("python"), TimeSpan.FromMinutes(3));

        result.AssertSucceeded();
        Assert.Contains("scenario passed", result.Output, StringComparison.Ordinal);
    }
}
