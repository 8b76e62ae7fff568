namespace Dce.ClusterSearch.Search;

/// <summary>How the found objects are written, as the caller's <c>Accept</c> header and request ask.</summary>
internal enum AnswerShape
{
    /// <summary>A Kubernetes List.</summary>
    List,

    /// <summary>A single object when one is found (get by name), a List when several clusters have it.</summary>
    Object,

    /// <summary>A <c>meta.k8s.io/v1 Table</c> whose rows carry each object's metadata (the API server's default).</summary>
    Table,

    /// <summary>A Table whose rows carry the whole object (<c>includeObject=Object</c>, what <c>kubectl --sort-by</c> asks).</summary>
    TableWithObjects,

    /// <summary>A Table without objects (<c>includeObject=None</c>).</summary>
    TableOnly,
}
