using Npgsql;

namespace Dce.ClusterSearch.Search;

/// <summary>One row of a search: where the object is, its type, and its stored JSON.</summary>
internal sealed record IndexRow(string Cluster, string Group, string Resource, string Json);

/// <summary>One page of a search with what the answer's metadata says about the rest: the continue token and the remaining count.</summary>
internal sealed record IndexPage(IReadOnlyList<IndexRow> Rows, string? Continue, long? RemainingItemCount)
{
    /// <summary>Reads the page <paramref name="query"/> asks for (one row more than the limit tells whether another page follows).</summary>
    public static async Task<IndexPage> ReadAsync(NpgsqlConnection connection, SearchSql sql, SearchQuery query, bool onlyMetadata, CancellationToken cancellationToken)
    {
        var rows = new List<IndexRow>(query.Limit + 1);
        SearchPosition? last = null;
        await using (var page = sql.Page(connection, query.Limit + 1, query.After, onlyMetadata))
        await using (var reader = await page.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new IndexRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
                if (rows.Count < query.Limit)
                {
                    last = new SearchPosition(SearchOrder.Signature(sql.Orders), row.Cluster, reader.GetString(4), reader.GetString(5),
                        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6), row.Group, row.Resource);
                }

                rows.Add(row);
            }
        }

        var more = rows.Count > query.Limit;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        long? remaining = null;
        if (query.WithRemainingCount)
        {
            await using var count = sql.Count(connection, last ?? query.After);
            remaining = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        return new IndexPage(rows, more ? last!.Token() : null, remaining);
    }
}
