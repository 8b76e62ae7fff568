using System.Text.Json.Nodes;
using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Engine.Overrides;
using Dce.Multicloud.Engine.Policies;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Templates;

namespace Dce.Multicloud.Propagation.Controllers;

/// <summary>
/// Karmada's binding controller: one Work per target cluster in <c>karmada-es-&lt;cluster&gt;</c> holding the template
/// with the cluster's share of the replicas and every matching override applied; Works of clusters no longer targeted go.
/// </summary>
public sealed partial class BindingController(ControllerContext context)
{
    public const string OverrideFailedReason = "OverrideFailed";
    public const string TemplateGenerationAnnotation = "resourcetemplate.karmada.io/generation";

    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Keys.Split(key);
        var binding = context.Cache.Bindings.Get(ns, name);
        var existingWorks = context.Cache.WorksOf(ns, name);
        var resource = binding?["spec"]?["resource"];
        var template = resource is null ? null
            : context.Cache.Template(resource["kind"]?.GetValue<string>() ?? "", ns, resource["name"]?.GetValue<string>() ?? "");
        if (binding is null || binding.IsDeleting() || template is null || template.Uid() != resource?["uid"]?.GetValue<string>())
        {
            if (binding is null)
            {
                await DeleteWorksAsync(existingWorks, keep: [], cancellationToken);
            }

            return;
        }

        var targets = TargetReplicas(binding);
        var evicting = BindingScheduler.EvictedClusters(binding);
        var overrides = PolicyMatcher.OrderOverridePolicies(ResourceTemplate.FromManifest(template),
            context.Cache.OverridePolicies.Objects.Where(policy => policy.Namespace() == ns).Select(policy => policy.As<OverridePolicy>()),
            context.Cache.ClusterOverridePolicies.Objects.Select(policy => policy.As<ClusterOverridePolicy>()));

        var manifests = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        try
        {
            foreach (var (cluster, replicas) in targets.Where(target => !evicting.Contains(target.Key)))
            {
                var clusterObject = context.Cache.Clusters.Get(null, cluster);
                var member = clusterObject is null ? new MemberCluster { Name = cluster } : MemberCluster.FromCluster(clusterObject.As<Cluster>(), null);
                manifests[cluster] = OverrideApplier.Apply(BaseManifest(template, replicas, binding), member, overrides);
            }
        }
        catch (OverrideException error)
        {
            await SetOverrideFailureAsync(ns, name, error.Message, cancellationToken);
            return;
        }

        await SetOverrideFailureAsync(ns, name, null, cancellationToken);
        await Task.WhenAll(manifests.Select(pair => WriteWorkAsync(binding, template, pair.Key, pair.Value, cancellationToken)));

        await DeleteWorksAsync(existingWorks, keep: [.. manifests.Keys, .. evicting], cancellationToken);
    }

    /// <summary>The clusters the binding's template goes to: the scheduled ones with their replicas, and those of the workloads that need it (0 replicas).</summary>
    public static Dictionary<string, int> TargetReplicas(JsonObject binding)
    {
        var targets = BindingScheduler.TargetsOf(binding).ToDictionary(target => target.Name, target => target.Replicas, StringComparer.Ordinal);
        foreach (var requirer in (binding["spec"]?["requiredBy"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var cluster in (requirer["clusters"] as JsonArray ?? []).OfType<JsonObject>())
            {
                targets.TryAdd(cluster["name"]?.GetValue<string>() ?? "", 0);
            }
        }

        return targets;
    }

    private static JsonObject BaseManifest(JsonObject template, int replicas, JsonObject binding)
    {
        var manifest = ManifestCleaner.Clean(template);
        if (TemplateKinds.IsWorkload(template.KindName()))
        {
            TemplateKinds.SetReplicas(manifest, replicas);
        }

        manifest.MetadataMap("labels")[KarmadaNames.ManagedLabel] = "true";
        manifest.MetadataMap("annotations")[TemplateGenerationAnnotation] = template.Generation().ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (binding["spec"]?["conflictResolution"]?.GetValue<string>() == "Overwrite")
        {
            manifest.MetadataMap("annotations")[KarmadaNames.ConflictResolutionAnnotation] = "overwrite";
        }

        return manifest;
    }

    private async Task WriteWorkAsync(JsonObject binding, JsonObject template, string cluster, JsonObject manifest, CancellationToken cancellationToken)
    {
        var workNamespace = KarmadaNames.ExecutionNamespace(cluster);
        var workName = KarmadaNames.WorkName(template.KindName(), template.Namespace() ?? "", template.Name());
        manifest.MetadataMap("labels")[KarmadaNames.WorkNamespaceLabel] = workNamespace;
        manifest.MetadataMap("labels")[KarmadaNames.WorkNameLabel] = workName;
        var workload = new JsonObject { ["manifests"] = new JsonArray(manifest) };
        var existing = context.Cache.Works.Get(workNamespace, workName);
        if (existing is not null && JsonNode.DeepEquals(existing["spec"]?["workload"], workload) && SameBinding(existing, binding))
        {
            return;
        }

        if (existing is null)
        {
            try
            {
                await context.Api.CreateInNamespaceAsync(Kinds.Work, workNamespace, new JsonObject
                {
                    ["apiVersion"] = Kinds.Work.ApiVersion,
                    ["kind"] = Kinds.Work.Kind,
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = workName,
                        ["namespace"] = workNamespace,
                        ["labels"] = new JsonObject
                        {
                            [KarmadaNames.BindingNameLabel] = binding.Name(),
                            [KarmadaNames.BindingNamespaceLabel] = binding.Namespace(),
                        },
                        ["finalizers"] = new JsonArray(KarmadaNames.ExecutionFinalizer),
                    },
                    ["spec"] = new JsonObject { ["workload"] = workload },
                }, cancellationToken);
                return;
            }
            catch (KubeApiException error) when (error.IsAlreadyExists)
            {
            }
        }

        await context.Api.UpdateAsync(Kinds.Work, workNamespace, workName, current =>
        {
            current.MetadataMap("labels")[KarmadaNames.BindingNameLabel] = binding.Name();
            current.MetadataMap("labels")[KarmadaNames.BindingNamespaceLabel] = binding.Namespace();
            current["spec"] = new JsonObject { ["workload"] = workload.DeepClone() };
            return true;
        }, cancellationToken, existing);
    }

    private static bool SameBinding(JsonObject work, JsonObject binding) =>
        work.Label(KarmadaNames.BindingNameLabel) == binding.Name() && work.Label(KarmadaNames.BindingNamespaceLabel) == binding.Namespace();

    private async Task DeleteWorksAsync(IReadOnlyList<JsonObject> works, IReadOnlyCollection<string> keep, CancellationToken cancellationToken)
    {
        foreach (var work in works.Where(work => !work.IsDeleting() && !keep.Contains(KarmadaNames.ClusterOf(work.Namespace() ?? "") ?? "")))
        {
            await context.Api.DeleteAsync(Kinds.Work, work.Namespace(), work.Name(), cancellationToken);
        }
    }

    /// <summary>Says in the binding's FullyApplied condition why an override cannot apply, or clears that once it can.</summary>
    private async Task SetOverrideFailureAsync(string ns, string name, string? message, CancellationToken cancellationToken)
    {
        var cached = context.Cache.Bindings.Get(ns, name);
        var condition = Conditions.Find(cached?["status"] as JsonObject, "FullyApplied");
        var failing = condition?["reason"]?.GetValue<string>() == OverrideFailedReason;
        if (message is null ? !failing : failing && condition?["message"]?.GetValue<string>() == message)
        {
            return;
        }

        if (message is not null)
        {
            LogOverrideFailed(context.Logger, ns, name, message);
        }

        var now = context.Time.GetUtcNow();
        await context.Api.UpdateStatusAsync(Kinds.ResourceBinding, ns, name, current =>
        {
            var status = current["status"] as JsonObject ?? (JsonObject)(current["status"] = new JsonObject());
            return message is null
                ? Conditions.Set(status, "FullyApplied", false, "Applying", "Works are being applied.", now)
                : Conditions.Set(status, "FullyApplied", false, OverrideFailedReason, message, now);
        }, cancellationToken);
        if (message is null)
        {
            context.Status.Add($"{ns}/{name}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An override of binding {Namespace}/{Name} cannot apply: {Reason}")]
    private static partial void LogOverrideFailed(ILogger logger, string @namespace, string name, string reason);
}
