using Dce.Kubernetes.Selectors;

namespace Dce.ClusterSearch.Search;

/// <summary>A search over one type, as Clusterpedia's query parameters describe it.</summary>
internal sealed record SearchQuery(
    IReadOnlyList<string> Clusters,
    IReadOnlyList<string> Namespaces,
    IReadOnlyList<string> Names,
    IReadOnlyList<LabelRequirement> Labels,
    IReadOnlyList<string> FuzzyNames,
    string? OwnerUid,
    string? OwnerName,
    DateTimeOffset? Since,
    DateTimeOffset? Before,
    IReadOnlyList<SearchOrder> OrderBy,
    int Limit,
    SearchPosition? After,
    bool WithRemainingCount,
    bool ByName = false);

/// <summary>One ordering column; <see cref="Column"/> is one of the index's columns, never user text.</summary>
internal sealed record SearchOrder(string Column, bool Descending)
{
    /// <summary>The ties of every order are broken by the row's key, so the order is total and a position is exact.</summary>
    public static readonly SearchOrder[] Key = [new("cluster", false), new("namespace", false), new("name", false)];

    // Objects of two types may share cluster, namespace and name: the type breaks the tie so pages never overlap.
    private static readonly SearchOrder[] TypeKey = [new("group", false), new("resource", false)];

    /// <summary>The orders asked for, then the key (with the type when <paramref name="severalTypes"/> are searched together).</summary>
    public static List<SearchOrder> Effective(IEnumerable<SearchOrder> asked, bool severalTypes = false) =>
        [.. asked.Concat(Key).Concat(severalTypes ? TypeKey : []).DistinctBy(o => o.Column)];

    /// <summary>A name of the effective order, which a position carries so it is never used under another.</summary>
    public static string Signature(IEnumerable<SearchOrder> effective) => string.Join(',', effective.Select(o => o.Column + (o.Descending ? " desc" : "")));
}

/// <summary>A query parameter that cannot be used; <see cref="Parameter"/> names it.</summary>
internal sealed class SearchQueryException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}
