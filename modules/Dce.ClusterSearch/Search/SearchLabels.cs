namespace Dce.ClusterSearch.Search;

/// <summary>Clusterpedia's search conditions in label form, usable as parameters or inside <c>labelSelector</c>.</summary>
internal static class SearchLabels
{
    public const string Prefix = "search.clusterpedia.io/";
    public const string Clusters = Prefix + "clusters";
    public const string Namespaces = Prefix + "namespaces";
    public const string Names = Prefix + "names";
    public const string FuzzyName = Prefix + "fuzzy-name";
    public const string OwnerUid = Prefix + "owner-uid";
    public const string OwnerName = Prefix + "owner-name";
    public const string Since = Prefix + "since";
    public const string Before = Prefix + "before";
    public const string OrderBy = Prefix + "orderby";

    /// <summary>The prefix of a descending order in label form: <c>dsc.created_at</c>.</summary>
    public const string Descending = "dsc.";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Clusters, Namespaces, Names, FuzzyName, OwnerUid, OwnerName, Since, Before, OrderBy,
    };
}
