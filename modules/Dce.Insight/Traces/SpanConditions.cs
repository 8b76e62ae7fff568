using System.Text.RegularExpressions;
using Dce.Insight.Apis;

namespace Dce.Insight.Traces;

/// <summary>The conditions several trace endpoints share: a trace id's form, and service, operation and duration matches.</summary>
internal static partial class SpanConditions
{
    /// <summary>Adds the service, operation and duration conditions; the problem when a duration is not one.</summary>
    public static IResult? Matching(SpanFilter filter, string? service, string? operation, string? durationMin, string? durationMax)
    {
        if (!string.IsNullOrEmpty(service))
        {
            filter.Where($"s.service = {filter.Parameter(service)}");
        }

        if (!string.IsNullOrEmpty(operation))
        {
            filter.Where($"s.operation = {filter.Parameter(operation)}");
        }

        foreach (var (name, text, comparison) in new[] { ("durationMin", durationMin, ">="), ("durationMax", durationMax, "<=") })
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            if (!GoDuration.TryParseNanos(text, out var nanos))
            {
                return Problems.BadRequest(name, $"'{text}' is not a duration; write it as 300ms, 1.5s or 2h45m (units ns, us, ms, s, m, h).");
            }

            filter.Where($"s.duration_ns {comparison} {filter.Parameter(nanos)}");
        }

        return null;
    }

    [GeneratedRegex("^[0-9a-fA-F]{32}$")]
    public static partial Regex TraceId();
}
