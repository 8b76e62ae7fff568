using System.Text;
using System.Text.Json;
using Dce.ClusterSearch.Model;
using Dce.Kubernetes.Selectors;
using Dce.Platform.Contracts.Authorization;
using Npgsql;
using NpgsqlTypes;

namespace Dce.ClusterSearch.Search;

/// <summary>
/// Turns a <see cref="SearchQuery"/> and the caller's <see cref="ClusterScope"/> into SQL on the index. Every value is
/// a parameter; only fixed column names and operators are written into the text. Label equality and sets use
/// <c>@&gt;</c> containment so the GIN index on labels answers them; fuzzy names use the trigram index. Several types
/// (a collection) are one query, so its paging and ordering run over all of them together.
/// </summary>
internal sealed class SearchSql
{
    private readonly StringBuilder _where = new();
    private readonly List<NpgsqlParameter> _parameters = [];

    public SearchSql(ResourceType type, SearchQuery query, ClusterScope scope)
        : this([type], query, scope)
    {
    }

    public SearchSql(IReadOnlyList<ResourceType> types, SearchQuery query, ClusterScope scope)
    {
        if (types.Count == 1)
        {
            Condition("\"group\" = @group", new NpgsqlParameter("group", types[0].Group));
            Condition("resource = @resource", new NpgsqlParameter("resource", types[0].Resource));
        }
        else
        {
            var groups = Parameter(types.Select(t => t.Group).ToArray());
            var resources = Parameter(types.Select(t => t.Resource).ToArray());
            Condition($"(\"group\", resource) IN (SELECT g, r FROM unnest({groups}, {resources}) AS t(g, r))");
        }

        if (query.Clusters.Count > 0)
        {
            Condition("cluster = ANY(@clusters)", Texts("clusters", query.Clusters));
        }

        if (query.Namespaces.Count > 0)
        {
            Condition("namespace = ANY(@namespaces)", Texts("namespaces", query.Namespaces));
        }

        if (query.Names.Count > 0)
        {
            Condition("name = ANY(@names)", Texts("names", query.Names));
        }

        foreach (var requirement in query.Labels)
        {
            AddLabel(requirement);
        }

        foreach (var fuzzy in query.FuzzyNames)
        {
            Condition($"name ILIKE {Parameter("%" + EscapeLike(fuzzy) + "%")}");
        }

        if (query.OwnerUid is { } ownerUid)
        {
            Condition($"owner_uid = {Parameter(ownerUid)}");
        }

        if (query.OwnerName is { } ownerName)
        {
            Condition($"owner_name = {Parameter(ownerName)}");
        }

        if (query.Since is { } since)
        {
            Condition($"created_at >= {Parameter(since)}");
        }

        if (query.Before is { } before)
        {
            Condition($"created_at < {Parameter(before)}");
        }

        AddScope(types, scope);
        Orders = SearchOrder.Effective(query.OrderBy, severalTypes: types.Count > 1);
        _walkedClusters = WalkedClusters(types, query, scope, Orders);
    }

    /// <summary>The most clusters whose name-ordered walks a page merges, rather than walking every cluster's rows.</summary>
    public const int MaxWalkedClusters = 32;

    // Set when a page is found by one name-ordered walk per cluster, merged.
    private readonly string[]? _walkedClusters;

    /// <summary>The effective order: the one asked for, ties broken by the row's key.</summary>
    public IReadOnlyList<SearchOrder> Orders { get; }

    /// <summary>
    /// Up to <paramref name="limit"/> rows after <paramref name="after"/> (from the start when null): cluster, group,
    /// resource, the object (or, with <paramref name="onlyMetadata"/>, only its metadata), namespace, name, creation time.
    /// </summary>
    /// <remarks>
    /// The page's keys are found first and only then its objects read: the keys' query names no column beyond those an
    /// index carries (the name-order index includes the labels and the creation time), so PostgreSQL can walk that index
    /// alone, testing labels, names and scope on index entries, and read the heap for the page's rows only.
    /// </remarks>
    public NpgsqlCommand Page(NpgsqlConnection connection, int limit, SearchPosition? after, bool onlyMetadata = false)
    {
        var document = onlyMetadata ? "jsonb_build_object('metadata', r.object -> 'metadata')::text" : "r.object::text";
        var command = Command(connection, $"""
            SELECT k.cluster, k."group", k.resource, {document}, k.namespace, k.name, k.created_at
            FROM ({Keys(after)}) AS k
            JOIN resources AS r ON r."group" = k."group" AND r.resource = k.resource AND r.cluster = k.cluster
                               AND r.namespace = k.namespace AND r.name = k.name
            ORDER BY {OrderBy("k.")}
            """, after);
        command.Parameters.AddWithValue("limit", limit);
        if (_walkedClusters is not null)
        {
            command.Parameters.Add(Texts("walked", _walkedClusters));
        }

        return command;
    }

    private const string KeyColumns = "\"group\", resource, cluster, namespace, name, created_at";

    // A caller who sees a few clusters (or asks for a few) by name: each cluster's rows are walked in name order on the
    // index that leads with the cluster, and the walks are merged, so rows of other clusters are never read. One walk
    // over all clusters would read and drop them: four rows in five for a member of 20 clusters of 100.
    private string Keys(SearchPosition? after)
    {
        if (_walkedClusters is null)
        {
            return $"SELECT {KeyColumns} FROM resources WHERE {_where}{After(after)} ORDER BY {OrderBy("")} LIMIT @limit";
        }

        // Every row after the position has a name on the position's side of its name: the walk starts there.
        var from = after is null ? "" : $" AND name {(Orders[0].Descending ? "<=" : ">=")} @after_name";
        var walks = _walkedClusters.Select((_, i) =>
            $"(SELECT {KeyColumns} FROM resources WHERE cluster = (@walked)[{i + 1}] AND {_where}{After(after)}{from} ORDER BY {OrderBy("")} LIMIT @limit)");
        return $"SELECT {KeyColumns} FROM ({string.Join(" UNION ALL ", walks)}) AS walks ORDER BY {OrderBy("")} LIMIT @limit";
    }

    private static string[]? WalkedClusters(IReadOnlyList<ResourceType> types, SearchQuery query, ClusterScope scope, IReadOnlyList<SearchOrder> orders)
    {
        if (types.Count != 1 || orders[0].Column != "name" || orders.Any(o => o.Descending != orders[0].Descending)
            || (!scope.All && scope.Namespaces.Count > 0))
        {
            return null;
        }

        IEnumerable<string>? clusters = scope.All ? null : scope.Clusters;
        if (query.Clusters.Count > 0)
        {
            clusters = clusters is null ? query.Clusters : clusters.Intersect(query.Clusters, StringComparer.Ordinal);
        }

        var walked = clusters?.Distinct(StringComparer.Ordinal).ToArray();
        return walked is { Length: > 0 and <= MaxWalkedClusters } ? walked : null;
    }

    private string OrderBy(string table) =>
        string.Join(", ", Orders.Select(o => Column(o.Column, table) + (o.Descending ? " DESC" : "")));

    /// <summary>How many rows match after <paramref name="after"/> (all when null).</summary>
    public NpgsqlCommand Count(NpgsqlConnection connection, SearchPosition? after) =>
        Command(connection, $"SELECT count(*) FROM resources WHERE {_where}{After(after)}", after);

    private NpgsqlCommand Command(NpgsqlConnection connection, string text, SearchPosition? after)
    {
        var command = new NpgsqlCommand(text, connection);
        command.Parameters.AddRange(_parameters.Select(p => p.Clone()).ToArray());
        if (after is not null)
        {
            command.Parameters.AddWithValue("after_cluster", after.Cluster);
            command.Parameters.AddWithValue("after_namespace", after.Namespace);
            command.Parameters.AddWithValue("after_name", after.Name);
            command.Parameters.AddWithValue("after_group", after.Group);
            command.Parameters.AddWithValue("after_resource", after.Resource);
            command.Parameters.Add(new NpgsqlParameter("after_created_at", NpgsqlDbType.TimestampTz) { Value = (object?)after.CreatedAt ?? DBNull.Value });
        }

        return command;
    }

    // Rows strictly after the position in the effective order. One direction throughout is a row comparison, which the
    // primary key (group, resource, cluster, namespace, name) answers as a range; mixed directions spell it out.
    private string After(SearchPosition? after)
    {
        if (after is null)
        {
            return "";
        }

        if (Orders.All(o => o.Descending == Orders[0].Descending))
        {
            var columns = string.Join(", ", Orders.Select(o => Column(o.Column)));
            var values = string.Join(", ", Orders.Select(o => Value(o.Column)));
            return $" AND ({columns}) {(Orders[0].Descending ? "<" : ">")} ({values})";
        }

        var alternatives = Orders.Select((order, i) => "(" + string.Join(" AND ",
            Orders.Take(i).Select(equal => $"{Column(equal.Column)} = {Value(equal.Column)}")
                .Append($"{Column(order.Column)} {(order.Descending ? "<" : ">")} {Value(order.Column)}")) + ")");
        return $" AND ({string.Join(" OR ", alternatives)})";
    }

    // An object without a creation time sorts first, as the earliest.
    private static string Column(string column, string table = "") => column switch
    {
        "created_at" => $"COALESCE({table}created_at, '-infinity'::timestamptz)",
        "group" => $"{table}\"group\"",
        _ => table + column,
    };

    private static string Value(string column) => column == "created_at" ? "COALESCE(@after_created_at, '-infinity'::timestamptz)" : "@after_" + column;

    private void AddLabel(LabelRequirement requirement)
    {
        switch (requirement.Operator)
        {
            case LabelOperator.Equals:
                Condition($"labels @> {Json(requirement.Key, requirement.Values[0])}");
                break;
            case LabelOperator.NotEquals:
                Condition($"NOT labels @> {Json(requirement.Key, requirement.Values[0])}");
                break;
            case LabelOperator.In:
                Condition("(" + string.Join(" OR ", requirement.Values.Select(v => $"labels @> {Json(requirement.Key, v)}")) + ")");
                break;
            case LabelOperator.NotIn:
                Condition($"NOT COALESCE(labels ->> {Parameter(requirement.Key)} = ANY({Parameter(requirement.Values.ToArray())}), false)");
                break;
            case LabelOperator.Exists:
                Condition($"labels ? {Parameter(requirement.Key)}");
                break;
            case LabelOperator.DoesNotExist:
                Condition($"NOT labels ? {Parameter(requirement.Key)}");
                break;
        }
    }

    private void AddScope(IReadOnlyList<ResourceType> types, ClusterScope scope)
    {
        if (scope.All)
        {
            return;
        }

        // A namespace grant also shows the Namespace object itself, which is cluster-scoped.
        var namespaceObjects = types.Count(t => t is { Group: "", Resource: "namespaces" });
        var namespaceColumn = namespaceObjects == 0 ? "namespace"
            : namespaceObjects == types.Count ? "name"
            : "CASE WHEN \"group\" = '' AND resource = 'namespaces' THEN name ELSE namespace END";
        // Only the kinds of grant the caller holds: a lone "cluster = ANY" is estimated and planned as the filter it is.
        var grants = new List<string>(2);
        if (scope.Clusters.Count > 0)
        {
            grants.Add($"cluster = ANY({Parameter(scope.Clusters.ToArray())})");
        }

        if (scope.Namespaces.Count > 0)
        {
            var namespaceClusters = Parameter(scope.Namespaces.Select(n => n.Cluster).ToArray());
            var namespaces = Parameter(scope.Namespaces.Select(n => n.Namespace).ToArray());
            grants.Add($"(cluster, {namespaceColumn}) IN (SELECT c, n FROM unnest({namespaceClusters}, {namespaces}) AS s(c, n))");
        }

        Condition(grants.Count switch
        {
            0 => "false",
            1 => grants[0],
            _ => $"({grants[0]} OR {grants[1]})",
        });
    }

    private void Condition(string sql, NpgsqlParameter? parameter = null)
    {
        if (_where.Length > 0)
        {
            _where.Append(" AND ");
        }

        _where.Append(sql);
        if (parameter is not null)
        {
            _parameters.Add(parameter);
        }
    }

    private string Parameter(object value)
    {
        var name = "p" + _parameters.Count;
        _parameters.Add(value is string[] texts ? Texts(name, texts) : new NpgsqlParameter(name, value));
        return "@" + name;
    }

    private string Json(string key, string value)
    {
        var name = "p" + _parameters.Count;
        _parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(new Dictionary<string, string> { [key] = value }) });
        return "@" + name;
    }

    private static NpgsqlParameter Texts(string name, IEnumerable<string> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
