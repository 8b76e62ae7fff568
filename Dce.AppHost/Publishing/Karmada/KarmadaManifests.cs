using Dce.AppHost.Publishing.Base;
using Dce.AppHost.Publishing.Graph;
using Dce.AppHost.Publishing.Kustomize;
using Dce.AppHost.Publishing.Overlays;
using k8s.Models;

namespace Dce.AppHost.Publishing.Karmada;

/// <summary>
/// Writes <c>karmada/</c>, applied to a Karmada control plane after the base: the namespace on every member, stateless
/// workloads divided by weight with failover, migration Jobs on every member, middleware pinned to the first member,
/// and per-member registry and storage overrides.
/// </summary>
public static class KarmadaManifests
{
    private static readonly string[] StatelessComponents = ["module", "gateway", "telemetry", "network-policy", "configuration"];

    /// <summary>Adds the policies for <paramref name="fleet"/>.</summary>
    public static void Add(ManifestSet manifests, PublishedGraph graph, KubernetesPublishOptions options, IReadOnlyList<KarmadaMember> fleet, IReadOnlyList<CloudTarget> targets)
    {
        var all = new ClusterAffinity { ClusterNames = fleet.Select(member => member.Name).ToList() };
        var primary = fleet[0];
        manifests.AddObjects("karmada/namespace.yaml",
        [
            new ClusterPropagationPolicy
            {
                Metadata = new V1ObjectMeta { Name = "dce-namespace" },
                Spec = new PropagationSpec
                {
                    ResourceSelectors = [new ResourceSelector { ApiVersion = "v1", Kind = "Namespace", Name = options.Namespace }],
                    Placement = new Placement { ClusterAffinity = all },
                },
            },
        ]);
        manifests.AddObjects("karmada/stateless.yaml", [Stateless(options, fleet, all), Migrations(options, all)]);
        manifests.AddObjects("karmada/middleware.yaml", [Middleware(options, primary)]);
        manifests.AddObjects("karmada/overrides.yaml", Overrides(graph, options, fleet, targets));
        manifests.AddDocument("karmada/kustomization.yaml", Kustomization.Of("namespace.yaml", "stateless.yaml", "middleware.yaml", "overrides.yaml"));
    }

    private static PropagationPolicy Stateless(KubernetesPublishOptions options, IReadOnlyList<KarmadaMember> fleet, ClusterAffinity all) => new()
    {
        Metadata = new V1ObjectMeta { Name = "dce-stateless", NamespaceProperty = options.Namespace },
        Spec = new PropagationSpec
        {
            ResourceSelectors = Select(StatelessComponents, "Deployment", "Service", "ServiceAccount", "ConfigMap", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "NetworkPolicy", "Ingress"),
            PropagateDeps = true,
            Placement = new Placement
            {
                ClusterAffinity = all,
                ReplicaScheduling = new ReplicaScheduling
                {
                    ReplicaSchedulingType = "Divided",
                    ReplicaDivisionPreference = "Weighted",
                    WeightPreference = new WeightPreference
                    {
                        StaticWeightList = fleet.Select(member => new StaticClusterWeight
                        {
                            TargetCluster = new ClusterAffinity { ClusterNames = [member.Name] }, Weight = member.Weight,
                        }).ToList(),
                    },
                },
            },
            Failover = new FailoverBehavior
            {
                Application = new ApplicationFailoverBehavior
                {
                    DecisionConditions = new DecisionConditions { TolerationSeconds = 120 }, PurgeMode = "Graciously", GracePeriodSeconds = 600,
                },
            },
        },
    };

    private static PropagationPolicy Migrations(KubernetesPublishOptions options, ClusterAffinity all) => new()
    {
        Metadata = new V1ObjectMeta { Name = "dce-migrations", NamespaceProperty = options.Namespace },
        Spec = new PropagationSpec
        {
            ResourceSelectors = Select(["migration"], "Job", "ServiceAccount", "ConfigMap", "Role", "RoleBinding"),
            PropagateDeps = true,
            Placement = new Placement { ClusterAffinity = all, ReplicaScheduling = new ReplicaScheduling { ReplicaSchedulingType = "Duplicated" } },
        },
    };

    private static PropagationPolicy Middleware(KubernetesPublishOptions options, KarmadaMember primary) => new()
    {
        Metadata = new V1ObjectMeta { Name = "dce-middleware", NamespaceProperty = options.Namespace },
        Spec = new PropagationSpec
        {
            ResourceSelectors = Select(["middleware"], "StatefulSet", "Deployment", "Service", "ServiceAccount", "ConfigMap", "Secret"),
            PropagateDeps = true,
            Priority = 10,
            Placement = new Placement
            {
                ClusterAffinity = new ClusterAffinity { ClusterNames = [primary.Name] },
                ReplicaScheduling = new ReplicaScheduling { ReplicaSchedulingType = "Duplicated" },
            },
        },
    };

    private static IEnumerable<object> Overrides(PublishedGraph graph, KubernetesPublishOptions options, IReadOnlyList<KarmadaMember> fleet, IReadOnlyList<CloudTarget> targets)
    {
        var workloads = new[] { "Deployment", "StatefulSet", "Job" }
            .Select(kind => new ResourceSelector { ApiVersion = kind == "Job" ? "batch/v1" : "apps/v1", Kind = kind, LabelSelector = PartOfPlatform() })
            .ToList();
        yield return new OverridePolicy
        {
            Metadata = new V1ObjectMeta { Name = "dce-registry", NamespaceProperty = options.Namespace },
            Spec = new OverrideSpec
            {
                ResourceSelectors = workloads,
                OverrideRules = fleet.Select(member => new RuleWithCluster
                {
                    TargetCluster = new ClusterAffinity { ClusterNames = [member.Name] },
                    Overriders = new Overriders
                    {
                        ImageOverrider = [new ImageOverrider { Component = "Registry", Operator = "replace", Value = RegistryHost(TargetOf(member, targets).Registry) }],
                    },
                }).ToList(),
            },
        };

        foreach (var middleware in graph.OfKind(WorkloadKind.Middleware).Where(workload => workload.DataPaths.Count > 0))
        {
            yield return new OverridePolicy
            {
                Metadata = new V1ObjectMeta { Name = $"{middleware.Name}-storage", NamespaceProperty = options.Namespace },
                Spec = new OverrideSpec
                {
                    ResourceSelectors = [new ResourceSelector { ApiVersion = "apps/v1", Kind = "StatefulSet", Name = middleware.Name }],
                    OverrideRules = fleet.Select(member => new RuleWithCluster
                    {
                        TargetCluster = new ClusterAffinity { ClusterNames = [member.Name] },
                        Overriders = new Overriders
                        {
                            Plaintext = middleware.DataPaths.Select((_, index) => new PlaintextOverrider
                            {
                                Path = $"/spec/volumeClaimTemplates/{index}/spec/storageClassName", Operator = "add", Value = TargetOf(member, targets).StorageClass,
                            }).ToList(),
                        },
                    }).ToList(),
                },
            };
        }
    }

    private static List<ResourceSelector> Select(IEnumerable<string> components, params string[] kinds)
    {
        var selector = new V1LabelSelector
        {
            MatchExpressions = [new V1LabelSelectorRequirement { Key = PlatformLabels.Component, OperatorProperty = "In", Values = components.ToList() }],
        };
        return kinds.Select(kind => new ResourceSelector { ApiVersion = ApiVersionOf(kind), Kind = kind, LabelSelector = selector }).ToList();
    }

    private static V1LabelSelector PartOfPlatform() => new() { MatchLabels = new Dictionary<string, string> { [PlatformLabels.PartOf] = PlatformLabels.Platform } };

    private static string ApiVersionOf(string kind) => kind switch
    {
        "Deployment" or "StatefulSet" => "apps/v1",
        "Job" => "batch/v1",
        "HorizontalPodAutoscaler" => "autoscaling/v2",
        "PodDisruptionBudget" => "policy/v1",
        "NetworkPolicy" or "Ingress" => "networking.k8s.io/v1",
        "Role" or "RoleBinding" => "rbac.authorization.k8s.io/v1",
        _ => "v1",
    };

    private static CloudTarget TargetOf(KarmadaMember member, IReadOnlyList<CloudTarget> targets) =>
        targets.FirstOrDefault(target => target.Name == member.Cloud)
        ?? CloudTargets.All(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).FirstOrDefault(target => target.Name == member.Cloud)
        ?? throw new InvalidOperationException($"Karmada member {member.Name} runs on '{member.Cloud}', which is not an overlay target.");

    /// <summary>Karmada's Registry component is the host only; repositories keep their path on every member.</summary>
    private static string RegistryHost(string registry) => registry.Split('/')[0];
}
