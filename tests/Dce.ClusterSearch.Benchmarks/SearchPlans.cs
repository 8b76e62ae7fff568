using Dce.ClusterSearch.Model;
using Dce.ClusterSearch.Search;
using Dce.Kubernetes.Selectors;
using Dce.Platform.Contracts.Authorization;
using Npgsql;

namespace Dce.ClusterSearch.Benchmarks;

/// <summary>
/// Prints PostgreSQL's plan, with its timing and buffers, of the SQL the search builds: the measured query's first page
/// and its next page (and the first page of a workspace member who sees <c>memberClusters</c>), and the next page of the
/// default order (cluster, namespace, name), so the figures say how each is answered.
/// </summary>
internal static class SearchPlans
{
    public static async Task PrintAsync(NpgsqlDataSource dataSource, ResourceType type, IReadOnlyList<string> memberClusters)
    {
        var byName = new SearchQuery([], [], [], LabelSelector.Parse("app=app-3").Requirements, ["7"], null, null, null, null,
            [new SearchOrder("name", false)], 100, null, false);
        var byKey = byName with { Labels = [], FuzzyNames = [], OrderBy = [] };
        var scope = ClusterScope.None with { All = true };
        await PrintAsync(dataSource, "first page by name", new SearchSql(type, byName, scope), null);
        await PrintAsync(dataSource, "first page by name of a member of whole clusters", new SearchSql(type, byName, ClusterScope.None with { Clusters = memberClusters }), null);
        await PrintAsync(dataSource, "next page by name", new SearchSql(type, byName, scope),
            new SearchPosition("", "bench-050", "ns-3", "cm-5373", null));
        await PrintAsync(dataSource, "next page in the default order", new SearchSql(type, byKey, scope),
            new SearchPosition("", "bench-050", "ns-3", "cm-5373", null));
    }

    private static async Task PrintAsync(NpgsqlDataSource dataSource, string title, SearchSql sql, SearchPosition? after)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = sql.Page(connection, 101, after);
        command.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + command.CommandText;
        Console.WriteLine($"Plan of the {title}:");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine("  " + reader.GetString(0));
        }
    }
}
