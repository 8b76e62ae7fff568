namespace Dce.ServiceDefaults.Api;

/// <summary>
/// The list convention of DCE 5.0's API: <c>page</c> (from 1), <c>pageSize</c>, <c>sortBy</c>, <c>sortDir</c> (asc|desc)
/// and <c>fuzzyName</c>. Bind it with <c>[AsParameters]</c>.
/// </summary>
public sealed record ListQuery(int? Page = null, int? PageSize = null, string? SortBy = null, string? SortDir = null, string? FuzzyName = null)
{
    /// <summary>Page size when none is asked for.</summary>
    public const int DefaultPageSize = 10;

    /// <summary>The largest page a caller may ask for.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The page asked for, 1 when absent.</summary>
    public int PageNumber => Page ?? 1;

    /// <summary>The page size asked for, <see cref="DefaultPageSize"/> when absent.</summary>
    public int Size => PageSize ?? DefaultPageSize;

    /// <summary>True when the caller asked for descending order.</summary>
    public bool Descending => string.Equals(SortDir, "desc", StringComparison.OrdinalIgnoreCase);

    /// <summary>Field errors in the query, keyed by parameter name; empty when the query is valid.</summary>
    public Dictionary<string, string[]> Validate(IReadOnlyCollection<string> sortableFields)
    {
        var errors = new Dictionary<string, string[]>();
        if (PageNumber < 1)
        {
            errors["page"] = ["page starts at 1."];
        }

        if (Size is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        }

        if (SortDir is not null && !string.Equals(SortDir, "asc", StringComparison.OrdinalIgnoreCase) && !Descending)
        {
            errors["sortDir"] = ["sortDir is 'asc' or 'desc'."];
        }

        if (SortBy is not null && !sortableFields.Contains(SortBy, StringComparer.OrdinalIgnoreCase))
        {
            errors["sortBy"] = [$"sortBy is one of: {string.Join(", ", sortableFields)}."];
        }

        return errors;
    }
}
