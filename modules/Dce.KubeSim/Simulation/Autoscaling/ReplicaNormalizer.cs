using System.Text.Json.Nodes;

namespace Dce.KubeSim.Simulation.Autoscaling;

/// <summary>How a metric-desired count became the count to scale to, with the reasons the conditions report.</summary>
public sealed record Normalized(long Replicas, string AbleReason, string AbleMessage, bool Limited, string LimitedReason, string LimitedMessage);

/// <summary>
/// One autoscaler's memory and limits: recent recommendations for the stabilization windows, recent scale events
/// for the rate policies, as the controller keeps them. Without <c>spec.behavior</c> the controller's older rules
/// apply: a 300 s scale-down window and scale up to at most twice the replicas (at least 4).
/// </summary>
public sealed class ReplicaNormalizer
{
    private readonly List<(long Replicas, DateTime At)> recommendations = [];
    private readonly List<(long Change, DateTime At)> scaleUps = [];
    private readonly List<(long Change, DateTime At)> scaleDowns = [];

    public void RecordInitial(long current, DateTime now)
    {
        if (recommendations.Count == 0)
        {
            recommendations.Add((current, now));
        }
    }

    public Normalized Normalize(JsonNode? behavior, long current, long desired, long min, long max, DateTime now) =>
        behavior is null ? WithoutBehavior(current, desired, min, max, now) : WithBehavior(behavior, current, desired, min, max, now);

    public void RecordScale(JsonNode? behavior, long previous, long next, DateTime now)
    {
        if (behavior is null)
        {
            return;
        }
        var up = next > previous;
        var events = up ? scaleUps : scaleDowns;
        var longest = (up ? ScalingRules.ScaleUp(behavior) : ScalingRules.ScaleDown(behavior)).LongestPeriodSeconds;
        events.RemoveAll(e => e.At < now.AddSeconds(-longest));
        events.Add((Math.Abs(next - previous), now));
    }

    private Normalized WithoutBehavior(long current, long desired, long min, long max, DateTime now)
    {
        var stabilized = desired;
        var cutoff = now.AddSeconds(-ScalingRules.DefaultScaleDownWindowSeconds);
        foreach (var (replicas, at) in recommendations)
        {
            if (at >= cutoff)
            {
                stabilized = Math.Max(stabilized, replicas);
            }
        }
        Remember(desired, now, cutoff);
        var (ableReason, ableMessage) = stabilized != desired
            ? ("ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation")
            : ("ReadyForNewScale", "recommended size matches current size");

        var scaleUpLimit = (long)Math.Max(2.0 * current, 4.0);
        var (maximum, upReason, upMessage) = max > scaleUpLimit
            ? (scaleUpLimit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate")
            : (max, "TooManyReplicas", "the desired replica count is more than the maximum replica count");
        if (stabilized < min)
        {
            return new Normalized(min, ableReason, ableMessage, true, "TooFewReplicas", "the desired replica count is less than the minimum replica count");
        }
        if (stabilized > maximum)
        {
            return new Normalized(maximum, ableReason, ableMessage, true, upReason, upMessage);
        }
        return new Normalized(stabilized, ableReason, ableMessage, false, "DesiredWithinRange", "the desired count is within the acceptable range");
    }

    private Normalized WithBehavior(JsonNode behavior, long current, long desired, long min, long max, DateTime now)
    {
        var up = ScalingRules.ScaleUp(behavior);
        var down = ScalingRules.ScaleDown(behavior);
        var upCutoff = now.AddSeconds(-up.WindowSeconds);
        var downCutoff = now.AddSeconds(-down.WindowSeconds);
        long upRecommendation = desired, downRecommendation = desired;
        foreach (var (replicas, at) in recommendations)
        {
            if (at > upCutoff)
            {
                upRecommendation = Math.Min(upRecommendation, replicas);
            }
            if (at > downCutoff)
            {
                downRecommendation = Math.Max(downRecommendation, replicas);
            }
        }
        Remember(desired, now, upCutoff < downCutoff ? upCutoff : downCutoff);
        var stabilized = Math.Min(Math.Max(current, upRecommendation), downRecommendation);
        var (ableReason, ableMessage) = stabilized == desired
            ? ("ReadyForNewScale", "recommended size matches current size")
            : desired > current
                ? ("ScaleUpStabilized", "recent recommendations were lower than current one, applying the lowest recent recommendation")
                : ("ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation");

        if (stabilized > current)
        {
            var limit = Math.Max(current, ScaleUpLimit(current, up, now));
            var (maximum, reason, message) = max > limit
                ? (limit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate")
                : (max, "TooManyReplicas", "the desired replica count is more than the maximum replica count");
            if (stabilized > maximum)
            {
                return new Normalized(maximum, ableReason, ableMessage, true, reason, message);
            }
        }
        else if (stabilized < current)
        {
            var limit = Math.Min(current, ScaleDownLimit(current, down, now));
            var (minimum, reason, message) = min < limit
                ? (limit, "ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate")
                : (min, "TooFewReplicas", "the desired replica count is less than the minimum replica count");
            if (stabilized < minimum)
            {
                return new Normalized(minimum, ableReason, ableMessage, true, reason, message);
            }
        }
        return new Normalized(stabilized, ableReason, ableMessage, false, "DesiredWithinRange", "the desired count is within the acceptable range");
    }

    /// <summary>Keeps the unstabilized recommendation, reusing a slot older than every window.</summary>
    private void Remember(long desired, DateTime now, DateTime obsoleteBefore)
    {
        var old = recommendations.FindIndex(r => r.At < obsoleteBefore);
        if (old >= 0)
        {
            recommendations[old] = (desired, now);
        }
        else
        {
            recommendations.Add((desired, now));
        }
    }

    private long ScaleUpLimit(long current, ScalingRules rules, DateTime now)
    {
        if (rules.SelectPolicy == "Disabled")
        {
            return current;
        }
        var min = rules.SelectPolicy == "Min";
        long? result = null;
        foreach (var policy in rules.Policies)
        {
            var start = current - ChangeWithin(scaleUps, policy.PeriodSeconds, now) + ChangeWithin(scaleDowns, policy.PeriodSeconds, now);
            var proposed = policy.Type == "Pods" ? start + policy.Value : (long)Math.Ceiling(start * (1 + (policy.Value / 100.0)));
            result = result is null ? proposed : min ? Math.Min(result.Value, proposed) : Math.Max(result.Value, proposed);
        }
        return result ?? current;
    }

    private long ScaleDownLimit(long current, ScalingRules rules, DateTime now)
    {
        if (rules.SelectPolicy == "Disabled")
        {
            return current;
        }
        var min = rules.SelectPolicy == "Min";
        long? result = null;
        foreach (var policy in rules.Policies)
        {
            var start = current - ChangeWithin(scaleUps, policy.PeriodSeconds, now) + ChangeWithin(scaleDowns, policy.PeriodSeconds, now);
            var proposed = policy.Type == "Pods" ? start - policy.Value : (long)(start * (1 - (policy.Value / 100.0)));
            result = result is null ? proposed : min ? Math.Max(result.Value, proposed) : Math.Min(result.Value, proposed);
        }
        return result ?? current;
    }

    private static long ChangeWithin(List<(long Change, DateTime At)> events, long periodSeconds, DateTime now) =>
        events.Where(e => e.At > now.AddSeconds(-periodSeconds)).Sum(e => e.Change);
}
