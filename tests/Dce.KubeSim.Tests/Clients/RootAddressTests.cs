using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Clients;

/// <summary>Each cluster also answers at the root of its own HTTPS port, where its kubeconfig points.</summary>
[Collection(KubeSimCollection.Name)]
public sealed partial class RootAddressTests(KubeSimServer server)
{
    [Fact]
    public void Each_kubeconfig_names_its_cluster_root_address_with_its_own_port()
    {
        var alpha = ServerOf(File.ReadAllText(server.KubeconfigPath(KubeSimServer.Cluster)));
        var beta = ServerOf(File.ReadAllText(server.KubeconfigPath(KubeSimServer.SecondCluster)));

        Assert.Equal("/", alpha.AbsolutePath);
        Assert.Equal("127.0.0.1", alpha.Host);
        Assert.Equal("https", alpha.Scheme);
        Assert.NotEqual(alpha.Port, beta.Port);
        Assert.NotEqual(new Uri(server.BaseUrl).Port, alpha.Port);
    }

    [Fact]
    public async Task Kubectl_proxy_without_append_server_path_serves_the_cluster_api()
    {
        using var proxy = server.Kubectl().Start(["proxy", "--port=0"]);
        try
        {
            var banner = await proxy.StandardOutput.ReadLineAsync() ?? await proxy.StandardError.ReadToEndAsync();
            var port = ProxyPort().Match(banner) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"kubectl proxy said: {banner}");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            var namespaces = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/namespaces");
            var version = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/version");

            Assert.Equal("NamespaceList", namespaces.GetProperty("kind").GetString());
            Assert.Contains(namespaces.GetProperty("items").EnumerateArray(), n => n.GetProperty("metadata").GetProperty("name").GetString() == "kube-system");
            Assert.StartsWith("v1.", version.GetProperty("gitVersion").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            proxy.Kill(entireProcessTree: true);
            await proxy.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Kubectl_reaches_a_cluster_by_its_root_address_and_token_only()
    {
        var kubeconfig = File.ReadAllText(server.KubeconfigPath());
        var root = ServerOf(kubeconfig).ToString().TrimEnd('/');
        var betaRoot = ServerOf(File.ReadAllText(server.KubeconfigPath(KubeSimServer.SecondCluster))).ToString().TrimEnd('/');
        var folder = Directory.CreateTempSubdirectory("kubesim-root-").FullName;
        try
        {
            var authority = Path.Combine(folder, "ca.crt");
            File.WriteAllBytes(authority, Convert.FromBase64String(Field(kubeconfig, "certificate-authority-data")));
            var empty = Path.Combine(folder, "empty.kubeconfig");
            File.WriteAllText(empty, "apiVersion: v1\nkind: Config\n");
            var kubectl = new Dce.Testing.Kubectl(empty);
            string[] flags = ["--token", server.Sim().Token, "--certificate-authority", authority];

            var nodes = await kubectl.OkAsync([.. flags, "--server", root, "get", "nodes", "-o", "name"]);
            var readyz = await kubectl.OkAsync([.. flags, "--server", root, "get", "--raw", "/readyz"]);
            var wrongCluster = await kubectl.RunAsync([.. flags, "--server", betaRoot, "get", "nodes"]);

            Assert.Equal(server.Sim().Store.Count("/nodes"), nodes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Equal("ok", readyz.Trim());
            Assert.NotEqual(0, wrongCluster.ExitCode);
            Assert.Contains("You must be logged in to the server", wrongCluster.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_cluster_added_at_runtime_gets_its_own_port_and_loses_it_when_removed()
    {
        using var admin = server.Http(KubeSimServer.AdminToken);
        var name = "late-" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostAsJsonAsync("/sim/clusters", new { name, systemWorkloads = false, nodePools = new[] { new { name = "pool", count = 2 } } })).EnsureSuccessStatusCode();
        var root = ServerOf(File.ReadAllText(server.KubeconfigPath(name)));
        var listed = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/sim/clusters");

        var nodes = await server.Kubectl(name).OkAsync("get", "nodes", "-o", "name");
        (await admin.DeleteAsync($"/sim/clusters/{name}")).EnsureSuccessStatusCode();

        Assert.Equal(2, nodes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("name").GetString() == name && c.GetProperty("server").GetString() == root.ToString().TrimEnd('/'));
        await Eventually.Until(() => !Accepts(root.Port), $"port {root.Port} closed after the cluster was removed", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_cluster_asking_for_a_port_in_use_is_refused_and_not_added()
    {
        using var admin = server.Http(KubeSimServer.AdminToken);
        var taken = ServerOf(File.ReadAllText(server.KubeconfigPath())).Port;
        var name = "clash-" + Guid.NewGuid().ToString("N")[..6];

        using var added = await admin.PostAsJsonAsync("/sim/clusters", new { name, port = taken, systemWorkloads = false, nodePools = new[] { new { name = "pool", count = 1 } } });

        Assert.Equal(HttpStatusCode.Conflict, added.StatusCode);
        Assert.Null(server.Registry.Find(name));
        Assert.Equal("ok", (await server.Kubectl().OkAsync("get", "--raw", "/readyz")).Trim());
    }

    [Fact]
    public async Task The_shared_address_keeps_serving_each_cluster_under_its_prefix()
    {
        using var http = server.Http(server.Sim().Token);

        using var namespaces = await http.GetAsync($"/clusters/{KubeSimServer.Cluster}/api/v1/namespaces/default");

        Assert.Equal(HttpStatusCode.OK, namespaces.StatusCode);
    }

    internal static Uri ServerOf(string kubeconfig) => new(Field(kubeconfig, "server"));

    private static string Field(string kubeconfig, string name) =>
        Regex.Match(kubeconfig, $@"^\s*{Regex.Escape(name)}: (\S+)\s*$", RegexOptions.Multiline) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"No {name} in the kubeconfig:\n{kubeconfig}");

    private static bool Accepts(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"127\.0\.0\.1:(\d+)")]
    private static partial Regex ProxyPort();
}
