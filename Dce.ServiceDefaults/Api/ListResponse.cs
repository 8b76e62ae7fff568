namespace Dce.ServiceDefaults.Api;

/// <summary>One page of a list, in DCE 5.0's shape: <c>{items, pagination{total, page, pageSize, pages}}</c>.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, Pagination Pagination);

/// <summary>Where a page sits in the whole list.</summary>
public sealed record Pagination(int Total, int Page, int PageSize, int Pages)
{
    /// <summary>The pagination of page <paramref name="page"/> of <paramref name="total"/> items.</summary>
    public static Pagination Of(int total, int page, int pageSize) =>
        new(total, page, pageSize, total == 0 ? 0 : (int)Math.Ceiling(total / (double)pageSize));
}
