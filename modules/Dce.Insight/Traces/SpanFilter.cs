using Dce.Platform.Contracts.Authorization;
using Npgsql;

namespace Dce.Insight.Traces;

/// <summary>
/// The conditions of a span query and their parameters. <see cref="Visible"/> limits it to the caller's scope: a span
/// of a cluster the caller holds, of a namespace they hold, and one with no cluster (the platform's own) only for a platform grant.
/// </summary>
internal sealed class SpanFilter
{
    private readonly List<string> _conditions = [];

    public List<NpgsqlParameter> Parameters { get; } = [];

    public string Sql => _conditions.Count == 0 ? "TRUE" : string.Join(" AND ", _conditions);

    /// <summary>A parameter for <paramref name="value"/>, by the name to write in SQL.</summary>
    public string Parameter(object value)
    {
        var name = $"p{Parameters.Count}";
        Parameters.Add(new NpgsqlParameter(name, value));
        return "@" + name;
    }

    public SpanFilter Where(string condition)
    {
        _conditions.Add(condition);
        return this;
    }

    /// <summary>Limits the spans of <paramref name="alias"/> to the scope, narrowed to a cluster and namespace when given; false when nothing is visible.</summary>
    public bool Visible(ClusterScope scope, string? cluster, string? ns, string alias = "s")
    {
        if (cluster is not null)
        {
            Where($"{alias}.cluster = {Parameter(cluster)}");
        }

        if (ns is not null)
        {
            Where($"{alias}.namespace = {Parameter(ns)}");
        }

        if (scope.All)
        {
            return true;
        }

        var namespaces = scope.Namespaces.Where(n => !scope.CoversCluster(n.Cluster)).ToList();
        if (scope.Clusters.Count == 0 && namespaces.Count == 0)
        {
            return false;
        }

        Where($"({alias}.cluster = ANY({Parameter(scope.Clusters.ToArray())}) OR EXISTS (SELECT 1 FROM unnest(" +
            $"{Parameter(namespaces.Select(n => n.Cluster).ToArray())}::text[], {Parameter(namespaces.Select(n => n.Namespace).ToArray())}::text[]) AS held(cluster, namespace) " +
            $"WHERE held.cluster = {alias}.cluster AND held.namespace = {alias}.namespace))");
        return true;
    }

    /// <summary>Copies of the parameters, since one filter may serve two commands.</summary>
    public void AddTo(NpgsqlCommand command) => command.Parameters.AddRange(Parameters.Select(parameter => parameter.Clone()).ToArray());
}
