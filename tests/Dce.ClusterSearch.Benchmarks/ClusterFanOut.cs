using System.Text.Json;
using Dce.ClusterSearch.Sync;
using Dce.Kubernetes.Kubeconfigs;

namespace Dce.ClusterSearch.Benchmarks;

/// <summary>
/// The question asked as a client without the index would: every cluster's API over HTTPS with its kubeconfig, all at
/// once, each listed in pages following <c>continue</c>; the answers then filtered by name, sorted and cut as the search does.
/// </summary>
internal sealed class ClusterFanOut(IReadOnlyList<(string Cluster, ClusterConnection Connection)> clusters) : IDisposable
{
    private const int PageSize = 500;

    public static ClusterFanOut Connect(IEnumerable<(string Cluster, string Kubeconfig)> kubeconfigs, KubeconfigLoader loader) =>
        new([.. kubeconfigs.Select(k => (k.Cluster, ClusterConnection.FromKubeconfig(k.Kubeconfig, loader)))]);

    public int Clusters => clusters.Count;

    /// <summary>The first <paramref name="limit"/> configmaps matching <paramref name="labelSelector"/> whose name contains <paramref name="fuzzyName"/>, by name.</summary>
    public async Task<List<FoundObject>> AskAsync(string labelSelector, string fuzzyName, int limit)
    {
        var answers = await Task.WhenAll(clusters.Select(c => ListAsync(c.Cluster, c.Connection, labelSelector, fuzzyName)));
        return [.. FoundObject.ByName(answers.SelectMany(a => a)).Take(limit)];
    }

    private static async Task<List<FoundObject>> ListAsync(string cluster, ClusterConnection connection, string labelSelector, string fuzzyName)
    {
        var found = new List<FoundObject>();
        string? continueToken = null;
        do
        {
            var query = $"api/v1/configmaps?labelSelector={Uri.EscapeDataString(labelSelector)}&limit={PageSize}"
                + (continueToken is null ? "" : "&continue=" + Uri.EscapeDataString(continueToken));
            using var response = await connection.GetAsync(query, CancellationToken.None);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            using var page = await JsonDocument.ParseAsync(body);
            foreach (var item in page.RootElement.GetProperty("items").EnumerateArray())
            {
                var metadata = item.GetProperty("metadata");
                var name = metadata.GetProperty("name").GetString()!;
                if (name.Contains(fuzzyName, StringComparison.OrdinalIgnoreCase))
                {
                    found.Add(new FoundObject(cluster, metadata.GetProperty("namespace").GetString()!, name));
                }
            }

            continueToken = page.RootElement.GetProperty("metadata").TryGetProperty("continue", out var next) && next.GetString() is { Length: > 0 } token ? token : null;
        }
        while (continueToken is not null);

        return found;
    }

    public void Dispose()
    {
        foreach (var (_, connection) in clusters)
        {
            connection.Dispose();
        }
    }
}
