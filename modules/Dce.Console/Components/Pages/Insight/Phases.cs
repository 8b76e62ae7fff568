using System.Globalization;
using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Insight;

/// <summary>DCE's phase names and counted summaries as people read them: <c>POD_PHASE_RUNNING</c> is "Running", a summary "2 / 3".</summary>
public static class Phases
{
    private static readonly string[] Prefixes = ["NODE_PHASE_", "POD_PHASE_", "WORKLOAD_STATE_"];

    public static string Read(string phase)
    {
        var bare = Prefixes.FirstOrDefault(prefix => phase.StartsWith(prefix, StringComparison.Ordinal)) is { } found ? phase[found.Length..] : phase;
        var words = bare.Replace('_', ' ').ToLowerInvariant();
        return words.Length == 0 ? "Unknown" : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(words);
    }

    public static string Counted(JsonElement summary) => $"{summary.Int("readyNum")} / {summary.Int("totalNum")}";
}
