using Dce.ServiceDefaults.Api;

namespace Dce.Multicloud.Apis;

/// <summary>The list parameters of DCE's kairship API: <c>page</c>, <c>pageSize</c>, <c>name</c> (part of the name), <c>sortBy</c>, <c>sortDir</c>.</summary>
internal sealed record KairshipListQuery(int? Page = null, int? PageSize = null, string? Name = null, string? SortBy = null, string? SortDir = null)
{
    public ListQuery ToListQuery() => new(Page, PageSize, SortBy, SortDir, Name);
}
