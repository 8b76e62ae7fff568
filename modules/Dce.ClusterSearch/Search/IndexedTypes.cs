using Dce.ClusterSearch.Model;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dce.ClusterSearch.Search;

/// <summary>
/// The types the search answers for: the configured ones and those any cluster's sync settings chose (custom resources
/// among them), as the syncs recorded them in <c>synced_types</c>, so every replica knows them.
/// </summary>
internal sealed class IndexedTypes(NpgsqlDataSource dataSource, IOptions<ClusterSearchOptions> options)
{
    public async Task<IReadOnlyList<ResourceType>> AllAsync(CancellationToken cancellationToken)
    {
        var types = options.Value.EffectiveResources.ToList();
        await using var command = dataSource.CreateCommand(
            """SELECT DISTINCT ON ("group", resource) "group", version, resource, kind, namespaced FROM synced_types ORDER BY "group", resource, version""");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (group, resource) = (reader.GetString(0), reader.GetString(2));
            if (!types.Any(t => t.Group == group && t.Resource == resource))
            {
                types.Add(new ResourceType(group, reader.GetString(1), resource, reader.GetString(3), reader.GetBoolean(4)));
            }
        }

        return types;
    }
}
