using System.Globalization;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// kube-scheduler's FailedScheduling message: <c>0/N nodes are available: </c> then the pre-filter message or the
/// count of nodes per reason, sorted as strings, then what preemption found on the same nodes.
/// </summary>
public static class FitError
{
    public static string Message(int nodeCount, string? preFilterFailure, IReadOnlyList<NodeVerdict> verdicts)
    {
        var text = $"0/{nodeCount} nodes are available:";
        if (preFilterFailure is not null)
        {
            text += $" {preFilterFailure}.";
            return text + " " + Preemption(nodeCount, [], nodeCount);
        }
        text += " " + Histogram(verdicts.SelectMany(v => v.Reasons)) + ".";
        var victimsNotFound = verdicts.Count(v => !v.Fit && v.Resolvable);
        return text + " " + Preemption(nodeCount, Enumerable.Repeat("No preemption victims found for incoming pod", victimsNotFound),
            nodeCount - victimsNotFound);
    }

    private static string Preemption(int nodeCount, IEnumerable<string> resolvable, int notHelpful) =>
        $"preemption: 0/{nodeCount} nodes are available: "
        + Histogram(resolvable.Concat(Enumerable.Repeat("Preemption is not helpful for scheduling", notHelpful))) + ".";

    private static string Histogram(IEnumerable<string> reasons) => string.Join(", ", reasons
        .GroupBy(r => r, StringComparer.Ordinal)
        .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}"))
        .Order(StringComparer.Ordinal));
}
