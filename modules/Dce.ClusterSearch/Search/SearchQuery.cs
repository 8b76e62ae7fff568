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
    int Offset,
    bool WithRemainingCount,
    bool ByName = false);

/// <summary>One ordering column; <see cref="Column"/> is one of the index's columns, never user text.</summary>
internal sealed record SearchOrder(string Column, bool Descending);

/// <summary>A query parameter that cannot be used; <see cref="Parameter"/> names it.</summary>
internal sealed class SearchQueryException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}
