using System.Globalization;

namespace Dce.KubeSim.Simulation;

/// <summary>A five-field cron schedule (minute hour day-of-month month day-of-week) with *, lists, ranges and steps.</summary>
public sealed class CronSchedule
{
    private readonly HashSet<int>[] fields;

    private CronSchedule(HashSet<int>[] fields) => this.fields = fields;

    public static CronSchedule? TryParse(string text)
    {
        text = text.Trim() switch
        {
            "@hourly" => "0 * * * *",
            "@daily" or "@midnight" => "0 0 * * *",
            "@weekly" => "0 0 * * 0",
            "@monthly" => "0 0 1 * *",
            "@yearly" or "@annually" => "0 0 1 1 *",
            var other => other,
        };
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        (int Min, int Max)[] ranges = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 6)];
        if (parts.Length != 5)
        {
            return null;
        }
        var parsed = new HashSet<int>[5];
        for (var i = 0; i < 5; i++)
        {
            parsed[i] = Field(parts[i], ranges[i].Min, ranges[i].Max) ?? [];
            if (parsed[i].Count == 0)
            {
                return null;
            }
        }
        return new CronSchedule(parsed);
    }

    public bool Matches(DateTime minute) =>
        fields[0].Contains(minute.Minute) && fields[1].Contains(minute.Hour) && fields[2].Contains(minute.Day)
        && fields[3].Contains(minute.Month) && fields[4].Contains((int)minute.DayOfWeek);

    /// <summary>The latest scheduled minute in (after, until], if any.</summary>
    public DateTime? LastBetween(DateTime after, DateTime until)
    {
        var start = new DateTime(after.Year, after.Month, after.Day, after.Hour, after.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
        for (var t = new DateTime(until.Year, until.Month, until.Day, until.Hour, until.Minute, 0, DateTimeKind.Utc); t >= start && until - t < TimeSpan.FromDays(2); t = t.AddMinutes(-1))
        {
            if (Matches(t))
            {
                return t;
            }
        }
        return null;
    }

    private static HashSet<int>? Field(string text, int min, int max)
    {
        var values = new HashSet<int>();
        foreach (var part in text.Split(','))
        {
            var step = 1;
            var range = part;
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                if (!int.TryParse(part[(slash + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out step) || step <= 0)
                {
                    return null;
                }
                range = part[..slash];
            }
            int low, high;
            if (range is "*" or "?")
            {
                (low, high) = (min, max);
            }
            else if (range.Contains('-', StringComparison.Ordinal))
            {
                var bounds = range.Split('-');
                if (!int.TryParse(bounds[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out low) || !int.TryParse(bounds[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out high))
                {
                    return null;
                }
            }
            else if (int.TryParse(range, NumberStyles.Integer, CultureInfo.InvariantCulture, out low))
            {
                high = slash >= 0 ? max : low;
            }
            else
            {
                return null;
            }
            for (var v = low; v <= high; v += step)
            {
                if (v >= min && v <= max)
                {
                    values.Add(v);
                }
            }
        }
        return values;
    }
}
