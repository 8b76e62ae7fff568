using System.Globalization;
using System.Text.Json.Nodes;
using Dce.ContainerManagement.Kubernetes;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// The query of a pod's log: the container, how much (<c>tailLines</c>, <c>sinceSeconds</c>), and DCE's <c>startTime</c>,
/// <c>endTime</c> (Unix seconds or RFC 3339), <c>logSearch</c> (lines containing it) and <c>page</c>/<c>pageSize</c> over the
/// lines; or <c>follow=true</c> for the log as text while it grows (<c>timestamps=true</c> prefixes each line's time there), from
/// <c>startTime</c> when given: a client resuming a lost stream asks from its last line's time.
/// </summary>
public sealed record LogQuery(string? Container, int? TailLines, int? SinceSeconds, bool? Timestamps, bool? Follow, string? StartTime, string? EndTime,
    string? LogSearch, int? Page, int? PageSize)
{
    public IResult? Problem(int maxTailLines)
    {
        var validation = new Validation()
            .Require(TailLines is null || (TailLines >= 1 && TailLines <= maxTailLines), "tailLines", $"tailLines is from 1 to {maxTailLines}.")
            .Require(SinceSeconds is null or >= 1, "sinceSeconds", "sinceSeconds is at least 1.")
            .Require(StartTime is null || Time(StartTime) is not null, "startTime", "startTime is Unix seconds or an RFC 3339 time.")
            .Require(EndTime is null || Time(EndTime) is not null, "endTime", "endTime is Unix seconds or an RFC 3339 time.")
            .Require(Page is null or >= 1, "page", "page counts from 1.")
            .Require(PageSize is null || (PageSize >= 1 && PageSize <= maxTailLines), "pageSize", $"pageSize is from 1 to {maxTailLines}.");
        return validation.IsValid ? null : validation.Problem();
    }

    /// <summary>The instant a followed log starts from (<c>startTime</c>).</summary>
    public DateTimeOffset? Since => Time(StartTime);

    /// <summary>DCE's answer: the lines kept by the query, <c>total</c> counting them before paging.</summary>
    public JsonObject Answer(IReadOnlyList<PodLogLine> lines)
    {
        var (from, to) = (Time(StartTime), Time(EndTime));
        var kept = lines.Where(l => (from is null && to is null) || Within(l.TimeStamp, from, to))
            .Where(l => string.IsNullOrEmpty(LogSearch) || l.Log.Contains(LogSearch, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var paged = PageSize is { } size ? kept.Skip(((Page ?? 1) - 1) * size).Take(size) : kept;
        return new JsonObject
        {
            ["total"] = kept.Count,
            ["data"] = new JsonArray([.. paged.Select(l => (JsonNode)new JsonObject { ["log"] = l.Log, ["timeStamp"] = l.TimeStamp })]),
        };
    }

    private static bool Within(string? stamp, DateTimeOffset? from, DateTimeOffset? to) =>
        Time(stamp) is { } at && (from is null || at >= from) && (to is null || at <= to);

    private static DateTimeOffset? Time(string? text) =>
        string.IsNullOrEmpty(text) ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 1L << 40 ? DateTimeOffset.FromUnixTimeSeconds(seconds)
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
        : null;
}
