namespace Dce.ClusterSearch.Model;

/// <summary>
/// An object the index refused (the database's error code says why): kept out of <c>resources</c> so it never blocks
/// the rows around it, and cleared when a later version of it is written or it is deleted.
/// </summary>
public sealed class SetAsideObject
{
    public required string Cluster { get; set; }
    public required string Group { get; set; }
    public required string Resource { get; set; }
    public required string Namespace { get; set; }
    public required string Name { get; set; }
    public string Uid { get; set; } = "";
    public string ResourceVersion { get; set; } = "";

    /// <summary>The SQLSTATE PostgreSQL answered, or <c>client</c> when the row was refused before it was sent.</summary>
    public required string ErrorCode { get; set; }

    /// <summary>The error's short message, never its detail (which can quote the object's values).</summary>
    public required string Error { get; set; }

    public DateTimeOffset SetAsideAt { get; set; }
}
