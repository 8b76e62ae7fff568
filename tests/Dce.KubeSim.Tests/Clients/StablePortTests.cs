using System.Net;
using System.Net.Sockets;
using Dce.Testing.KubeSim;

namespace Dce.KubeSim.Tests.Clients;

/// <summary>A cluster's own port survives a restart (kept in <c>KubeSim:StateDirectory</c>) and can be chosen in its profile.</summary>
public sealed class StablePortTests
{
    [Fact]
    public async Task A_restarted_kubesim_serves_each_cluster_on_the_port_its_kubeconfig_names()
    {
        var state = Directory.CreateTempSubdirectory("kubesim-state-").FullName;
        var chosen = FreePort();
        var settings = new Dictionary<string, string?> { ["KubeSim:StateDirectory"] = state, ["KubeSim:Clusters:1:Port"] = chosen.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        try
        {
            Uri before;
            await using (var first = await SimulatedClusters.StartAsync(["roaming", "pinned"], workerNodes: 1, settings: settings))
            {
                before = RootAddressTests.ServerOf(first.Kubeconfig("roaming"));
                Assert.Equal(chosen, RootAddressTests.ServerOf(first.Kubeconfig("pinned")).Port);
            }

            await using var second = await SimulatedClusters.StartAsync(["roaming", "pinned"], workerNodes: 1, settings: settings);
            var after = RootAddressTests.ServerOf(second.Kubeconfig("roaming"));
            var nodes = await new Dce.Testing.Kubectl(second.KubeconfigPath("roaming")).OkAsync("get", "nodes", "-o", "name");

            Assert.Equal(before, after);
            Assert.Equal(chosen, RootAddressTests.ServerOf(second.Kubeconfig("pinned")).Port);
            Assert.Equal(2, nodes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
