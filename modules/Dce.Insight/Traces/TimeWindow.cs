using System.Globalization;
using Dce.Insight.Apis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.Insight.Traces;

/// <summary>A query's time range: RFC 3339 times (as DCE sends them, e.g. 2022-06-24T08:00:47.850Z) or Unix milliseconds.</summary>
internal sealed record TimeWindow(DateTime Start, DateTime End)
{
    public double Seconds => Math.Max((End - Start).TotalSeconds, 1);

    /// <summary>The window, ending now and lasting <paramref name="lookback"/> where not given; or the problem to answer.</summary>
    public static (TimeWindow? Window, ProblemHttpResult? Problem) Parse(string? start, string? end, TimeSpan lookback, DateTime now)
    {
        if (!TryTime(end, now, out var until))
        {
            return (null, Problems.BadRequest("end", $"'{end}' is not a time; give RFC 3339 (2022-06-24T08:00:47.850Z) or Unix milliseconds."));
        }

        if (!TryTime(start, until - lookback, out var from))
        {
            return (null, Problems.BadRequest("start", $"'{start}' is not a time; give RFC 3339 (2022-06-24T08:00:47.850Z) or Unix milliseconds."));
        }

        return from > until
            ? (null, Problems.BadRequest("start", $"'start' ({from:O}) is after 'end' ({until:O}); give a start before the end."))
            : (new TimeWindow(from, until), null);
    }

    public void Apply(SpanFilter filter, string alias = "s") =>
        filter.Where($"{alias}.start_time >= {filter.Parameter(Start)} AND {alias}.start_time <= {filter.Parameter(End)}");

    private static bool TryTime(string? text, DateTime fallback, out DateTime time)
    {
        time = fallback;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var millis) && millis < 253402300799999)
        {
            time = DateTime.UnixEpoch.AddMilliseconds(millis);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed.UtcDateTime;
            return true;
        }

        return false;
    }
}
