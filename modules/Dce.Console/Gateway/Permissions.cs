using System.Collections.Concurrent;

namespace Dce.Console.Gateway;

/// <summary>
/// What the signed-in user may do, asked of Global Management's authorization API (never guessed from role names):
/// a page shows an action only when the answer is yes. Answers are kept for the page's circuit for a short while.
/// </summary>
public sealed class Permissions(PlatformApi api, TimeProvider time)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<AccessQuestion, (bool Allowed, DateTimeOffset At)> _answers = new();

    /// <summary>May the user do <paramref name="action"/> on <paramref name="resourceType"/> of <paramref name="module"/> there?</summary>
    public async Task<bool> CanAsync(string module, string resourceType, string action, string? cluster = null, string? @namespace = null,
        int? workspaceId = null, int? folderId = null)
    {
        var question = new AccessQuestion(module, resourceType, action, cluster, @namespace, workspaceId, folderId);
        if (_answers.TryGetValue(question, out var known) && time.GetUtcNow() - known.At < Freshness)
        {
            return known.Allowed;
        }

        var result = await api.AskAsync("/apis/ghippo.io/v1alpha1/authorization:check",
            new { module, resourceType, action, cluster, @namespace, workspaceId, folderId });
        var allowed = result.Succeeded && result.Body.TryGetProperty("allowed", out var answer) && answer.GetBoolean();
        _answers[question] = (allowed, time.GetUtcNow());
        return allowed;
    }

    private sealed record AccessQuestion(string Module, string ResourceType, string Action, string? Cluster, string? Namespace, int? WorkspaceId, int? FolderId);
}
