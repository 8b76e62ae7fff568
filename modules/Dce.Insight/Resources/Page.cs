using System.Text.Json.Nodes;

namespace Dce.Insight.Resources;

/// <summary>DCE's paging: <c>page</c> from 1 and <c>pageSize</c> (default 10, at most 1,000), answered with <c>pagination</c>.</summary>
internal readonly record struct Page(int Number, int Size)
{
    public const int DefaultSize = 10;
    public const int MaxSize = 1000;

    public static Page Of(int? page, int? pageSize) =>
        new(Math.Max(1, page ?? 1), Math.Clamp(pageSize is null or <= 0 ? DefaultSize : pageSize.Value, 1, MaxSize));

    /// <summary><c>{items, pagination}</c> of this page of <paramref name="all"/>.</summary>
    public JsonObject Answer<T>(IReadOnlyList<T> all, Func<T, JsonNode> item) => new()
    {
        ["items"] = new JsonArray([.. all.Skip((Number - 1) * Size).Take(Size).Select(item)]),
        ["pagination"] = new JsonObject
        {
            ["total"] = all.Count,
            ["page"] = Number,
            ["pageSize"] = Size,
            ["pages"] = (all.Count + Size - 1) / Size,
        },
    };
}
