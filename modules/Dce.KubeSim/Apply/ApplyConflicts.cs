using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Apply;

/// <summary>The 409 an apply gets for fields other managers own, worded as kube-apiserver words it.</summary>
public static class ApplyConflicts
{
    public static ApiException Error(IReadOnlyList<FieldConflict> conflicts)
    {
        var causes = conflicts.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldManagerConflict",
            ["message"] = $"conflict with {c.Manager}",
            ["field"] = FieldPath.Display(c.Path),
        }).ToArray();
        return new ApiException(409, "Conflict", Message(conflicts), new JsonObject { ["causes"] = new JsonArray(causes) });
    }

    private static string Message(IReadOnlyList<FieldConflict> conflicts)
    {
        if (conflicts.Count == 1)
        {
            return $"Apply failed with 1 conflict: conflict with {conflicts[0].Manager}: {FieldPath.Display(conflicts[0].Path)}";
        }
        var lines = conflicts.GroupBy(c => c.Manager).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.Select(c => "- " + FieldPath.Display(c.Path)).Prepend($"conflicts with {g.Key}:"));
        return $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
    }
}
