using System.Globalization;

namespace Dce.Console.Components.Pages.Insight;

/// <summary>
/// What the logs explorer asks for: where (cluster, namespace, pod, container, each optional), which text (Insight's
/// query language) and how far back. The same filter makes the paged query's body and the live tail's address.
/// </summary>
public sealed class LogFilter
{
    public static readonly (string Key, string Title, TimeSpan Span)[] Ranges =
    [
        ("15m", "Last 15 minutes", TimeSpan.FromMinutes(15)),
        ("1h", "Last hour", TimeSpan.FromHours(1)),
        ("6h", "Last 6 hours", TimeSpan.FromHours(6)),
        ("24h", "Last 24 hours", TimeSpan.FromHours(24)),
        ("7d", "Last 7 days", TimeSpan.FromDays(7)),
    ];

    public string Cluster { get; set; } = "";

    public string Namespace { get; set; } = "";

    public string Pod { get; set; } = "";

    public string Container { get; set; } = "";

    public string Text { get; set; } = "";

    public string Range { get; set; } = "1h";

    /// <summary>DCE's <c>v1alpha1QueryLogRequest</c> for one page, the range ending now.</summary>
    public object QueryBody(int page, int pageSize)
    {
        var until = DateTimeOffset.UtcNow;
        var span = Ranges.FirstOrDefault(range => range.Key == Range).Span;
        return new
        {
            startTime = (until - (span == default ? TimeSpan.FromHours(1) : span)).ToString("O", CultureInfo.InvariantCulture),
            endTime = until.ToString("O", CultureInfo.InvariantCulture),
            page,
            pageSize,
            resource = new
            {
                logSearch = List(Text),
                clusterFilter = List(Cluster),
                namespaceFilter = List(Namespace),
                podFilter = List(Pod),
                containerFilter = List(Container),
            },
        };
    }

    /// <summary>The live tail's address for the same filters (the time range does not apply: it reads what is stored from now on).</summary>
    public string TailPath() =>
        "log/tail?" + string.Join("&", new[] { ("cluster", Cluster), ("namespace", Namespace), ("pod", Pod), ("container", Container), ("query", Text) }
            .Where(pair => pair.Item2.Trim().Length > 0)
            .Select(pair => $"{pair.Item1}={Uri.EscapeDataString(pair.Item2.Trim())}"));

    private static string[]? List(string value) => value.Trim() is { Length: > 0 } trimmed ? [trimmed] : null;
}
