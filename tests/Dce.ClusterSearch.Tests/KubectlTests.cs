using System.Diagnostics;
using System.Text.RegularExpressions;
using Dce.Testing;

namespace Dce.ClusterSearch.Tests;

/// <summary>
/// kubectl and the official Python client pointed at the search path as at one cluster: what they print agrees with the
/// same question asked of each cluster, with the cluster in its own column.
/// </summary>
public sealed partial class KubectlTests(KubectlTests.Fixture fixture) : IClassFixture<KubectlTests.Fixture>
{
    [Theory]
    [InlineData("deployments", "-A")]
    [InlineData("deployments", "-A", "-l", "app=web")]
    [InlineData("deployments", "-A", "-o", "wide")]
    [InlineData("deploy", "-n", "shop")]
    [InlineData("pods", "-A", "-l", "app=web")]
    [InlineData("nodes")]
    public async Task Kubectl_get_across_clusters_agrees_with_each_cluster(params string[] question)
    {
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var cluster in SearchPlatform.ClusterNames)
        {
            foreach (var row in Rows(await KubectlAsync(fixture.Platform.Clusters.KubeconfigPath(cluster), ["get", .. question])))
            {
                expected.Add(WithCluster(row, cluster, namespaced: question.Contains("-A")));
            }
        }

        var found = Rows(await KubectlAsync(fixture.Everywhere, ["get", .. question])).Select(WithoutAge).ToHashSet();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, found.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("search.clusterpedia.io/clusters in (alpha,gamma)", "", "alpha,gamma")]
    [InlineData("app=web,search.clusterpedia.io/clusters=beta", "app=web", "beta")]
    public async Task Search_labels_in_the_selector_choose_the_clusters_as_Clusterpedia_reads_them(string selector, string labels, string clusters)
    {
        var chosen = clusters.Split(',');
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var cluster in chosen)
        {
            string[] question = labels.Length > 0 ? ["get", "deployments", "-A", "-l", labels] : ["get", "deployments", "-A"];
            foreach (var row in Rows(await KubectlAsync(fixture.Platform.Clusters.KubeconfigPath(cluster), question)))
            {
                expected.Add(WithCluster(row, cluster, namespaced: true));
            }
        }

        var found = Rows(await KubectlAsync(fixture.Everywhere, ["get", "deployments", "-A", "-l", selector])).Select(WithoutAge);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_search_label_with_an_operator_it_does_not_take_is_refused_with_the_reason()
    {
        var (exitCode, _, error) = await RunAsync("/usr/bin/kubectl", ["--kubeconfig", fixture.Everywhere, "get", "deployments", "-A", "-l", "search.clusterpedia.io/clusters notin (alpha)"]);

        Assert.Equal(1, exitCode);
        Assert.True(error.Contains("search.clusterpedia.io/clusters takes '=' or 'in'", StringComparison.Ordinal), error);
    }

    [Fact]
    public async Task Sort_by_orders_the_rows_of_every_cluster_together()
    {
        string[] question = ["get", "configmaps", "-n", "shop", "--sort-by=.metadata.name", "-o", "custom-columns=NAME:.metadata.name", "--no-headers"];
        var each = new List<string>();
        foreach (var cluster in SearchPlatform.ClusterNames)
        {
            each.AddRange((await KubectlAsync(fixture.Platform.Clusters.KubeconfigPath(cluster), question)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        var names = (await KubectlAsync(fixture.Everywhere, question)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.True(each.Count > SearchPlatform.ClusterNames.Length, "each cluster has configmaps in shop");
        Assert.Equal(each.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task Get_by_name_finds_the_object_in_each_cluster_and_a_cluster_path_narrows_it_to_one()
    {
        var everywhere = Rows(await KubectlAsync(fixture.Everywhere, ["get", "deployment", "web", "-n", "shop"]));
        var inBeta = await KubectlAsync(fixture.Beta, ["get", "deployment", "web", "-n", "shop", "-o", "jsonpath={.metadata.name} {.metadata.annotations.shadow\\.clusterpedia\\.io/cluster-name} {.spec.replicas}"]);

        Assert.Equal(SearchPlatform.ClusterNames, everywhere.Select(row => row[0]).Order(StringComparer.Ordinal));
        Assert.Equal("web beta 2", inBeta);
    }

    [Fact]
    public async Task Get_by_name_of_an_object_no_cluster_has_is_kubectls_own_not_found()
    {
        var (exitCode, _, error) = await RunAsync("/usr/bin/kubectl", ["--kubeconfig", fixture.Everywhere, "get", "deployment", "nowhere", "-n", "shop"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("Error from server (NotFound): deployments.apps \"nowhere\" not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_official_python_client_lists_through_the_search_path()
    {
        const string script = """
            import sys
            from kubernetes import client, config
            config.load_kube_config(config_file=sys.argv[1])
            for d in client.AppsV1Api().list_deployment_for_all_namespaces(label_selector="app=web").items:
                print(d.metadata.annotations["shadow.clusterpedia.io/cluster-name"], d.metadata.namespace, d.metadata.name, d.spec.replicas)
            """;
        var (exitCode, output, error) = await RunAsync("/usr/bin/python3", ["-c", script, fixture.Everywhere]);

        Assert.True(exitCode == 0, error);
        Assert.Equal(SearchPlatform.ClusterNames.Select(c => $"{c} shop web 2"), output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    // A cluster's row with the search's CLUSTER column put where the search prints it: after NAMESPACE when there is one.
    private static string WithCluster(string[] row, string cluster, bool namespaced) =>
        string.Join(" | ", namespaced ? [row[0], cluster, .. row[1..^AgeColumns(row)]] : [cluster, .. row[..^AgeColumns(row)]]);

    private static string WithoutAge(string[] row) => string.Join(" | ", row[..^AgeColumns(row)]);

    // AGE is the last column, except with -o wide where columns follow it; an age differs by when it is printed.
    private static int AgeColumns(string[] row) => Array.FindLastIndex(row, cell => AgeCell().IsMatch(cell)) is var age and >= 0 ? row.Length - age : 0;

    [GeneratedRegex(@"^\d+(s|m|h|d)$")]
    private static partial Regex AgeCell();

    private static List<string[]> Rows(string table) =>
        [.. table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => Columns().Split(line.Trim()))];

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Columns();

    private static async Task<string> KubectlAsync(string kubeconfig, string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync(Environment.GetEnvironmentVariable("KUBECTL") ?? "/usr/bin/kubectl", ["--kubeconfig", kubeconfig, .. arguments]);
        Assert.True(exitCode == 0, $"kubectl {string.Join(' ', arguments)}: {error}");
        return output.TrimEnd();
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Three clusters with the same objects, Cluster Search on a loopback port, and kubeconfigs for its search path.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("dce-search-kubeconfig-").FullName;

        public SearchPlatform Platform { get; } = new() { OnLoopback = true };

        /// <summary>A kubeconfig whose server is the search path over every cluster.</summary>
        public string Everywhere { get; private set; } = "";

        /// <summary>A kubeconfig whose server is the search path of cluster beta alone.</summary>
        public string Beta { get; private set; } = "";

        public async Task InitializeAsync()
        {
            await Platform.InitializeAsync();
            foreach (var cluster in SearchPlatform.ClusterNames)
            {
                var churn = new ClusterChurn(Platform.Clusters.Client(cluster), "shop");
                await churn.EnsureNamespaceAsync();
                await churn.RoundAsync("first", 12);
                await churn.CreateDeploymentAsync("web", 2);
            }

            await Eventually.Until(async () => (await Platform.CompareAsync()).Exact, "the index settled");
            Everywhere = Write("everywhere", "/apis/clusterpedia.io/v1beta1/resources");
            Beta = Write("beta", "/apis/clusterpedia.io/v1beta1/resources/clusters/beta");
        }

        private string Write(string name, string path)
        {
            var file = Path.Combine(_folder, name);
            File.WriteAllText(file, $"""
                apiVersion: v1
                kind: Config
                clusters:
                - name: search
                  cluster:
                    server: {new Uri(Platform.Search.Address!, path)}
                    certificate-authority-data: {Platform.Search.Certificate!.PemBase64}
                users:
                - name: admin
                  user:
                    token: {Platform.AdminToken}
                contexts:
                - name: search
                  context:
                    cluster: search
                    user: admin
                current-context: search
                """);
            return file;
        }

        public async Task DisposeAsync()
        {
            await Platform.DisposeAsync();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
