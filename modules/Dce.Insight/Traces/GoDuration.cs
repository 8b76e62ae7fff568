using System.Globalization;
using System.Text.RegularExpressions;

namespace Dce.Insight.Traces;

/// <summary>Durations as DCE writes them, Go's syntax: "300ms", "1.5h", "2h45m" (units ns, us, µs, ms, s, m, h).</summary>
internal static partial class GoDuration
{
    public static bool TryParseNanos(string text, out long nanos)
    {
        nanos = 0;
        var match = Duration().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        double total = 0;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = Unit().Match(part.Value);
            total += double.Parse(part.Value[..unit.Index], CultureInfo.InvariantCulture) * unit.Value switch
            {
                "ns" => 1,
                "us" or "µs" => 1e3,
                "ms" => 1e6,
                "s" => 1e9,
                "m" => 60e9,
                _ => 3600e9,
            };
        }

        nanos = (long)Math.Min(total, long.MaxValue);
        return true;
    }

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$")]
    private static partial Regex Duration();

    [GeneratedRegex(@"(ns|us|µs|ms|s|m|h)$")]
    private static partial Regex Unit();
}
