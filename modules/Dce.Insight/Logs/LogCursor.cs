using System.Globalization;

namespace Dce.Insight.Logs;

/// <summary>The keyset position after the last line of a page (its time and id), so a deeper page costs what the first does.</summary>
public readonly record struct LogCursor(DateTime Time, long Id)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Time.Ticks}.{Id}");

    public static bool TryParse(string text, out LogCursor cursor)
    {
        cursor = default;
        var parts = text.Split('.');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        cursor = new LogCursor(new DateTime(ticks, DateTimeKind.Utc), id);
        return true;
    }
}
