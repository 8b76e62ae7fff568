using Dce.ClusterSearch.Model;
using Dce.Platform.Contracts.Authorization;
using Npgsql;

namespace Dce.ClusterSearch.Search;

/// <summary>
/// Searches several types at once: one query over the index, so ordering and paging run over the whole collection, and
/// only each object's metadata is read.
/// </summary>
internal sealed class CollectionSearch(NpgsqlDataSource dataSource)
{
    public async Task<string> SearchAsync(string name, IReadOnlyList<ResourceType> types, SearchQuery query, ClusterScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var page = await IndexPage.ReadAsync(connection, new SearchSql(types, query, scope), query, onlyMetadata: true, cancellationToken);
        return CollectionResourceJson.Write(name, types, page);
    }
}
