using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Selectors;

/// <summary>Kubernetes' toleration semantics, applied to cluster taints.</summary>
public static class TolerationMatcher
{
    /// <summary>The first NoSchedule or NoExecute taint no toleration tolerates, or null.</summary>
    public static Taint? FirstUntoleratedTaint(IEnumerable<Taint> taints, IReadOnlyList<Toleration> tolerations) =>
        taints.Where(taint => taint.Effect is TaintEffect.NoSchedule or TaintEffect.NoExecute)
            .FirstOrDefault(taint => !tolerations.Any(toleration => Tolerates(toleration, taint)));

    public static bool Tolerates(Toleration toleration, Taint taint)
    {
        if (toleration.Effect is { } effect && effect != taint.Effect)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key)
        {
            return false;
        }

        return (toleration.Operator ?? TolerationOperator.Equal) switch
        {
            TolerationOperator.Exists => true,
            // An empty key only means "every key" with Exists, as in Kubernetes.
            _ => !string.IsNullOrEmpty(toleration.Key) && (toleration.Value ?? "") == (taint.Value ?? ""),
        };
    }
}
