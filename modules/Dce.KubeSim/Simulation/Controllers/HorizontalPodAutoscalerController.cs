using System.Globalization;
using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Simulation.Autoscaling;
using Dce.KubeSim.Simulation.Usage;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// The horizontal pod autoscaler on <c>autoscaling/v2</c> objects: every sync period it reads the target's scale,
/// turns <c>Resource</c> metrics from the usage model into a replica count, bounds it by min/max, the stabilization
/// windows and the rate policies of <c>spec.behavior</c>, scales the target and reports status, conditions and events
/// with the controller's own wording.
/// </summary>
public sealed class HorizontalPodAutoscalerController : IController
{
    private const string Component = "horizontal-pod-autoscaler";

    /// <summary>The CPU utilization target of an object without metrics: an <c>autoscaling/v1</c> percentage, or 80% as the API defaults it.</summary>
    private static JsonArray CpuTarget(long? percentage) =>
    [
        new JsonObject
        {
            ["type"] = "Resource",
            ["resource"] = new JsonObject { ["name"] = "cpu", ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = percentage ?? 80 } },
        },
    ];

    private readonly Dictionary<string, ReplicaNormalizer> normalizers = [];
    private readonly Dictionary<string, (DateTime At, long Generation)> lastSync = [];
    private readonly Dictionary<string, string> lastWarning = [];

    public TimeSpan MinInterval => TimeSpan.Zero;

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var type = cluster.Catalog.All.Where(t => t.Group == "autoscaling" && t.Plural == "horizontalpodautoscalers")
            .OrderByDescending(t => t.Version == "v2").FirstOrDefault();
        if (type is null)
        {
            return;
        }
        var autoscalers = cluster.Store.List(type.StorageKey, null).Items;
        var keys = autoscalers.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in lastSync.Keys.Where(k => !keys.Contains(k)).ToList())
        {
            lastSync.Remove(gone);
            normalizers.Remove(gone);
            lastWarning.Remove(gone);
        }
        foreach (var hpa in autoscalers.Where(a => !a.Deleting))
        {
            var obj = hpa.Parse();
            var generation = obj.At("metadata").Long("generation") ?? 1;
            if (lastSync.TryGetValue(hpa.Key, out var last) && last.Generation == generation && now - last.At < cluster.Options.HorizontalPodAutoscalerSyncPeriod)
            {
                continue;
            }
            lastSync[hpa.Key] = (now, generation);
            Sync(cluster, type, hpa, obj, now);
        }
    }

    private void Sync(SimulatedCluster cluster, ResourceType type, StoredObject hpa, JsonObject obj, DateTime now)
    {
        var spec = obj["spec"];
        var original = obj["status"]?.DeepClone();
        var status = original?.DeepClone() as JsonObject ?? [];
        var stamp = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        void Condition(string conditionType, bool value, string reason, string message) => SetCondition(status, conditionType, value, reason, message, stamp);

        var target = ScaleTarget.Find(cluster, hpa.Namespace, spec?["scaleTargetRef"], out var scaleError);
        if (target is null)
        {
            Warn(cluster, type, hpa, "FailedGetScale", scaleError!);
            Condition("AbleToScale", false, "FailedGetScale", $"the HPA controller was unable to get the target's current scale: {scaleError}");
            WriteStatus(cluster, type, hpa, original, status);
            return;
        }
        Condition("AbleToScale", true, "SucceededGetScale", "the HPA controller was able to get the target's current scale");
        var current = target.SpecReplicas;
        var normalizer = normalizers.TryGetValue(hpa.Key, out var known) ? known : normalizers[hpa.Key] = new ReplicaNormalizer();
        normalizer.RecordInitial(current, now);
        var min = spec.Long("minReplicas") ?? 1;
        var max = spec.Long("maxReplicas") ?? 1;
        var behavior = spec?["behavior"];
        var metricStatuses = new JsonArray();
        long desired;
        var reason = "";
        var rescale = true;

        if (current == 0 && min != 0)
        {
            desired = 0;
            rescale = false;
            Condition("ScalingActive", false, "ScalingDisabled", "scaling is disabled since the replica count of the target is zero");
        }
        else if (current > max)
        {
            reason = "Current number of replicas above Spec.MaxReplicas";
            desired = max;
        }
        else if (current < min)
        {
            reason = "Current number of replicas below Spec.MinReplicas";
            desired = min;
        }
        else
        {
            var proposal = ComputeFromMetrics(cluster, type, hpa, spec, target, current, metricStatuses, Condition, out var failure);
            if (proposal is null)
            {
                status["currentReplicas"] = current;
                WriteStatus(cluster, type, hpa, original, status);
                Warn(cluster, type, hpa, "FailedComputeMetricsReplicas", failure!);
                return;
            }
            desired = proposal.Value.Replicas;
            reason = desired > current ? $"{proposal.Value.MetricName} above target" : desired < current ? "All metrics below target" : "";
            var normalized = normalizer.Normalize(behavior, current, desired, min, max, now);
            Condition("AbleToScale", true, normalized.AbleReason, normalized.AbleMessage);
            Condition("ScalingLimited", normalized.Limited, normalized.LimitedReason, normalized.LimitedMessage);
            desired = normalized.Replicas;
            rescale = desired != current;
        }

        if (rescale)
        {
            try
            {
                target.Scale(cluster, desired);
            }
            catch (ApiException error)
            {
                EventRecorder.Record(cluster, type, hpa, "FailedRescale", $"New size: {desired}; reason: {reason}; error: {error.Message}", Component, warning: true);
                Condition("AbleToScale", false, "FailedUpdateScale", $"the HPA controller was unable to update the target scale: {error.Message}");
                status["currentReplicas"] = current;
                WriteStatus(cluster, type, hpa, original, status);
                return;
            }
            Condition("AbleToScale", true, "SucceededRescale", $"the HPA controller was able to update the target scale to {desired}");
            EventRecorder.Record(cluster, type, hpa, "SuccessfulRescale", $"New size: {desired}; reason: {reason}", Component);
            normalizer.RecordScale(behavior, current, desired, now);
            status["lastScaleTime"] = stamp;
        }
        else
        {
            desired = current;
        }
        status["observedGeneration"] = obj.At("metadata").Long("generation") ?? 1;
        status["currentReplicas"] = current;
        status["desiredReplicas"] = desired;
        status["currentMetrics"] = metricStatuses.Count > 0 ? metricStatuses : null;
        WriteStatus(cluster, type, hpa, original, status);
    }

    /// <summary>The largest count any metric asks for, or null with the controller's error when every metric failed.</summary>
    private (long Replicas, string MetricName)? ComputeFromMetrics(SimulatedCluster cluster, ResourceType type, StoredObject hpa, JsonNode? spec,
        ScaleTarget target, long current, JsonArray statuses, Action<string, bool, string, string> condition, out string? failure)
    {
        failure = null;
        if (target.Selector is null)
        {
            Warn(cluster, type, hpa, "SelectorRequired", "selector is required");
            condition("ScalingActive", false, "InvalidSelector", "the HPA target's scale is missing a selector");
            failure = "selector is required";
            return null;
        }
        var specs = (spec?["metrics"] as JsonArray is { Count: > 0 } given ? given : CpuTarget(spec.Long("targetCPUUtilizationPercentage"))).OfType<JsonObject>().ToList();
        var podType = cluster.Type("", "pods");
        var pods = cluster.Store.List(podType.StorageKey, hpa.Namespace, p => SelectorObject.Matches(target.Selector, p.Labels)).Items;
        var usage = UsageModel.Of(cluster);
        (long Replicas, string MetricName)? best = null;
        var invalid = 0;
        string? firstError = null;
        (string Reason, string Message)? firstCondition = null;
        foreach (var metric in specs)
        {
            var kind = metric.Str("type") ?? "";
            MetricProposal? proposal = null;
            string? error;
            string reason;
            if (kind == "Resource")
            {
                reason = "FailedGetResourceMetric";
                proposal = ResourceMetricReplicas.Compute(usage, pods, current, metric["resource"], out error);
                if (error is not null)
                {
                    Warn(cluster, type, hpa, reason, error);
                    firstCondition ??= (reason, $"the HPA was unable to compute the replica count: {error}");
                    error = $"failed to get {metric.StrAt("resource.name")} resource metric value: {error}";
                }
            }
            else
            {
                reason = kind is "Pods" or "Object" or "External" or "ContainerResource" ? $"FailedGet{kind}Metric" : "InvalidMetricSourceType";
                error = reason == "InvalidMetricSourceType"
                    ? $"unknown metric source type \"{kind}\""
                    : $"unable to fetch metrics from {(kind == "External" ? "external" : kind == "ContainerResource" ? "resource" : "custom")} metrics API: the server could not find the requested resource";
                Warn(cluster, type, hpa, reason, error);
                firstCondition ??= (reason, $"the HPA was unable to compute the replica count: {error}");
            }
            if (proposal is null)
            {
                invalid++;
                firstError ??= error;
                continue;
            }
            statuses.Add(proposal.Status);
            if (best is null || proposal.Replicas > best.Value.Replicas)
            {
                best = (proposal.Replicas, proposal.MetricName);
            }
        }
        if (invalid >= specs.Count)
        {
            condition("ScalingActive", false, firstCondition!.Value.Reason, firstCondition.Value.Message);
            failure = $"invalid metrics ({invalid} invalid out of {specs.Count}), first error is: {firstError}";
            return null;
        }
        condition("ScalingActive", true, "ValidMetricFound", $"the HPA was able to successfully calculate a replica count from {best!.Value.MetricName}");
        return best;
    }

    /// <summary>A Warning event, once per distinct message in a row, so a failing autoscaler does not flood the namespace.</summary>
    private void Warn(SimulatedCluster cluster, ResourceType type, StoredObject hpa, string reason, string message)
    {
        var text = reason + ": " + message;
        if (lastWarning.TryGetValue(hpa.Key + "/" + reason, out var last) && last == text)
        {
            return;
        }
        lastWarning[hpa.Key + "/" + reason] = text;
        EventRecorder.Record(cluster, type, hpa, reason, message, Component, warning: true);
    }

    private static void SetCondition(JsonObject status, string type, bool value, string reason, string message, string now)
    {
        var conditions = status["conditions"] as JsonArray ?? [];
        status["conditions"] = conditions;
        var text = value ? "True" : "False";
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type);
        var condition = new JsonObject
        {
            ["type"] = type, ["status"] = text,
            ["lastTransitionTime"] = existing is not null && existing.Str("status") == text ? existing.Str("lastTransitionTime") : now,
            ["reason"] = reason, ["message"] = message,
        };
        if (existing is null)
        {
            conditions.Add(condition);
        }
        else
        {
            conditions[conditions.IndexOf(existing)] = condition;
        }
    }

    private static void WriteStatus(SimulatedCluster cluster, ResourceType type, StoredObject hpa, JsonNode? original, JsonObject status)
    {
        status["currentReplicas"] ??= 0;
        status["desiredReplicas"] ??= 0;
        foreach (var (key, value) in status.ToList())
        {
            if (value is null)
            {
                status.Remove(key);
            }
        }
        if (JsonNode.DeepEquals(original, status))
        {
            return;
        }
        cluster.Objects.Mutate(type, hpa.Namespace, hpa.Name, latest => { latest["status"] = status; return true; }, "status");
    }
}
