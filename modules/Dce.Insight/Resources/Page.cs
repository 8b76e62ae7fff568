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
    public JsonObject Answer<T>(IReadOnlyList<T> all, Func<T, JsonNode> item) => Answer(Slice(all).Select(item), all.Count);

    /// <summary>The items of this page of <paramref name="all"/>.</summary>
    public IReadOnlyList<T> Slice<T>(IReadOnlyList<T> all) => [.. all.Skip((Number - 1) * Size).Take(Size)];

    /// <summary><c>{items, pagination}</c> of this page's <paramref name="items"/>, out of <paramref name="total"/>.</summary>
    public JsonObject Answer(IEnumerable<JsonNode> items, int total) => new()
    {
        ["items"] = new JsonArray([.. items]),
        ["pagination"] = new JsonObject
        {
            ["total"] = total,
            ["page"] = Number,
            ["pageSize"] = Size,
            ["pages"] = (total + Size - 1) / Size,
        },
    };
}
