using Dce.Platform.Contracts.Authorization;
using Npgsql;
using NpgsqlTypes;

namespace Dce.Insight.Logs;

/// <summary>A WHERE clause built from parts, each value a parameter.</summary>
public sealed class SqlWhere
{
    private readonly List<string> clauses = [];

    public List<NpgsqlParameter> Parameters { get; } = [];

    public string Sql => clauses.Count == 0 ? "TRUE" : string.Join(" AND ", clauses);

    public string Parameter(object value, NpgsqlDbType? type = null)
    {
        var name = $"p{Parameters.Count}";
        Parameters.Add(type is { } t ? new NpgsqlParameter(name, t) { Value = value } : new NpgsqlParameter(name, value));
        return "@" + name;
    }

    public SqlWhere Add(string clause)
    {
        clauses.Add(clause);
        return this;
    }

    /// <summary>Rows of <paramref name="column"/> equal to one of <paramref name="values"/>, when any are given.</summary>
    public SqlWhere AnyOf(string column, IReadOnlyCollection<string>? values) =>
        values is { Count: > 0 } ? Add($"{column} = ANY({Parameter(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})") : this;

    /// <summary>
    /// Rows the scope reaches: a whole cluster's rows, or a namespace's rows for a namespace the caller holds; rows without a
    /// namespace (cluster-level events) only with the whole cluster.
    /// </summary>
    public SqlWhere Scope(ClusterScope scope)
    {
        if (scope.All)
        {
            return this;
        }

        var namespaces = scope.Namespaces.Where(n => !scope.CoversCluster(n.Cluster)).ToList();
        return Add($"(cluster = ANY({Parameter(scope.Clusters.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)}) OR (namespace <> '' AND (cluster, namespace) IN "
            + $"(SELECT * FROM unnest({Parameter(namespaces.Select(n => n.Cluster).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)}::text[], "
            + $"{Parameter(namespaces.Select(n => n.Namespace).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)}::text[]))))");
    }

    /// <summary>The text filter on <paramref name="column"/>, as ILIKE patterns the trigram index serves.</summary>
    public SqlWhere Text(string column, TextQuery query)
    {
        foreach (var either in query.Required)
        {
            Add("(" + string.Join(" OR ", either.Select(term => $"{column} ILIKE {Parameter(Pattern(term))}")) + ")");
        }

        foreach (var term in query.Excluded)
        {
            Add($"{column} NOT ILIKE {Parameter(Pattern(term))}");
        }

        return this;
    }

    public void AddTo(NpgsqlCommand command) => command.Parameters.AddRange(Parameters.ToArray());

    private static string Pattern(string term) =>
        "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
