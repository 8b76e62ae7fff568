using System.Globalization;
using Dce.Insight.Apis;

namespace Dce.Insight.Logs;

/// <summary>A query's time range from DCE's <c>startTime</c>/<c>endTime</c> (RFC 3339 or Unix seconds), checked against the widest range allowed.</summary>
public readonly record struct TimeRange(DateTime From, DateTime Until)
{
    public static IResult? TryParse(string? startTime, string? endTime, TimeSpan defaultSpan, TimeSpan maxRange, out TimeRange range)
    {
        range = default;
        var until = DateTime.UtcNow;
        if (!string.IsNullOrEmpty(endTime) && !TryInstant(endTime, out until))
        {
            return Problems.BadRequest("endTime", $"'{endTime}' is not a time; give RFC 3339 (2026-01-02T15:04:05Z) or Unix seconds.");
        }

        var from = until - defaultSpan;
        if (!string.IsNullOrEmpty(startTime) && !TryInstant(startTime, out from))
        {
            return Problems.BadRequest("startTime", $"'{startTime}' is not a time; give RFC 3339 (2026-01-02T15:04:05Z) or Unix seconds.");
        }

        if (from > until)
        {
            return Problems.BadRequest("startTime", "'startTime' is after 'endTime'.");
        }

        if (until - from > maxRange)
        {
            return Problems.OverLimit($"The range covers {(until - from).TotalHours:F0} hours; the limit Insight:Logs:MaxRange is {maxRange.TotalHours:F0} hours. Narrow 'startTime' and 'endTime'.");
        }

        range = new TimeRange(from, until);
        return null;
    }

    private static bool TryInstant(string text, out DateTime instant)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            instant = DateTime.UnixEpoch.AddSeconds(seconds);
            return true;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out instant);
    }
}
