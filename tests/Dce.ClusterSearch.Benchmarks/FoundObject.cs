namespace Dce.ClusterSearch.Benchmarks;

/// <summary>One object of an answer, by what identifies it across clusters.</summary>
internal sealed record FoundObject(string Cluster, string Namespace, string Name)
{
    /// <summary>The search's <c>orderby=name</c>: name, then cluster and namespace break ties.</summary>
    public static IOrderedEnumerable<FoundObject> ByName(IEnumerable<FoundObject> objects) => objects
        .OrderBy(o => o.Name, StringComparer.Ordinal).ThenBy(o => o.Cluster, StringComparer.Ordinal).ThenBy(o => o.Namespace, StringComparer.Ordinal);

    public override string ToString() => $"{Cluster}/{Namespace}/{Name}";
}
