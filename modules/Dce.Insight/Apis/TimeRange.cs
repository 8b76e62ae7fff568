namespace Dce.Insight.Apis;

/// <summary>
/// A range query's window in Unix seconds as DCE sends it: the last hour when absent, a step giving about 250 points
/// when absent, and no more points per series than the limit.
/// </summary>
internal readonly record struct TimeRange(DateTimeOffset From, DateTimeOffset Until, TimeSpan Step)
{
    /// <summary>The range, or the problem that says what to fix.</summary>
    public static (TimeRange Range, IResult? Problem) Parse(long? start, long? end, double? step, int maxPoints)
    {
        var until = end is null ? DateTimeOffset.UtcNow : DateTimeOffset.FromUnixTimeSeconds(end.Value);
        var from = start is null ? until.AddHours(-1) : DateTimeOffset.FromUnixTimeSeconds(start.Value);
        if (from > until)
        {
            return (default, Problems.BadRequest("start", $"'start' ({from.ToUnixTimeSeconds()}) is after 'end' ({until.ToUnixTimeSeconds()})."));
        }

        var interval = TimeSpan.FromSeconds(step ?? Math.Max(15, Math.Ceiling((until - from).TotalSeconds / 250)));
        if (interval <= TimeSpan.Zero || double.IsNaN(interval.TotalSeconds))
        {
            return (default, Problems.BadRequest("step", "'step' must be a positive number of seconds."));
        }

        var points = (until - from) / interval;
        return points > maxPoints
            ? (default, Problems.OverLimit($"The range and step give {points:F0} points per series; the limit is {maxPoints}. Use a larger 'step' or a shorter range."))
            : (new TimeRange(from, until, interval), null);
    }
}
