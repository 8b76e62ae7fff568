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
            if (!IsConfigured(group, resource))
            {
                types.Add(new ResourceType(group, reader.GetString(1), resource, reader.GetString(3), reader.GetBoolean(4)));
            }
        }

        return types;
    }

    /// <summary>
    /// The one type a search names. A configured type is answered without the database, so the common search costs no
    /// extra round trip; only a type chosen by sync settings is looked up.
    /// </summary>
    public async Task<ResourceType?> FindAsync(string group, string version, string resource, CancellationToken cancellationToken)
    {
        if (IsConfigured(group, resource))
        {
            return options.Value.EffectiveResources.FirstOrDefault(t => t.Group == group && t.Version == version && t.Resource == resource);
        }

        await using var command = dataSource.CreateCommand(
            """SELECT version, kind, namespaced FROM synced_types WHERE "group" = $1 AND resource = $2 ORDER BY version LIMIT 1""");
        command.Parameters.Add(new NpgsqlParameter { Value = group });
        command.Parameters.Add(new NpgsqlParameter { Value = resource });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // The first recorded version answers for its group and resource, as in AllAsync.
        return await reader.ReadAsync(cancellationToken) && reader.GetString(0) == version
            ? new ResourceType(group, version, resource, reader.GetString(1), reader.GetBoolean(2))
            : null;
    }

    // A configured type hides every synced type of its group and resource, whatever their version.
    private bool IsConfigured(string group, string resource) =>
        options.Value.EffectiveResources.Any(t => t.Group == group && t.Resource == resource);
}
