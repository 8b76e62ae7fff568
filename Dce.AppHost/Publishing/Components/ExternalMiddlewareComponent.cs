using Dce.AppHost.Publishing.Base;
using Dce.AppHost.Publishing.Graph;
using Dce.AppHost.Publishing.Kustomize;
using k8s.Models;

namespace Dce.AppHost.Publishing.Components;

/// <summary>
/// <c>components/external-middleware/</c>: the switch to managed services. It removes the middleware StatefulSets and
/// their objects, takes every connection string from the <c>dce-external-middleware</c> Secret (generated from a
/// git-ignored env file), drops the in-cluster host settings, and lets the platform's pods reach the services' ports.
/// </summary>
public static class ExternalMiddlewareComponent
{
    /// <summary>The component's folder.</summary>
    public const string Folder = "components/external-middleware";

    /// <summary>The Secret of the managed services' connection strings.</summary>
    public const string SecretName = "dce-external-middleware";

    /// <summary>The git-ignored env file it is generated from.</summary>
    public const string SecretsFile = "external-middleware.env";

    /// <summary>Adds the component.</summary>
    public static void Add(ManifestSet manifests, PublishedGraph graph)
    {
        var middleware = graph.OfKind(WorkloadKind.Middleware).ToList();
        var names = middleware.Select(workload => workload.Name).ToHashSet(StringComparer.Ordinal);
        var component = Kustomization.Component();
        component.Resources = ["network-policy.yaml"];
        component.Patches = [];
        foreach (var deletion in middleware.SelectMany(workload => Deletions(workload, graph)))
        {
            var path = $"patches/delete-{deletion.Metadata.Name}-{deletion.Kind.ToLowerInvariant()}.yaml";
            manifests.AddDocument($"{Folder}/{path}", deletion);
            component.Patches.Add(new KustomizePatch { Path = path });
        }

        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var workload in graph.Workloads.Where(workload => workload.Kind != WorkloadKind.Middleware))
        {
            var (environment, settings) = Rewrites(workload, names, keys);
            if (environment.Count > 0)
            {
                var path = $"patches/{workload.Name}-connections.yaml";
                manifests.AddDocument($"{Folder}/{path}", environment);
                component.Patches.Add(new KustomizePatch { Path = path, Target = Target(workload.Kind == WorkloadKind.Job ? "Job" : "Deployment", workload.Name) });
            }

            if (settings.Count > 0)
            {
                var path = $"patches/{workload.Name}-settings.yaml";
                manifests.AddDocument($"{Folder}/{path}", settings);
                component.Patches.Add(new KustomizePatch { Path = path, Target = Target("ConfigMap", $"{workload.Name}-settings") });
            }
        }

        component.SecretGenerator =
        [
            new KustomizeGenerator { Name = SecretName, Envs = [SecretsFile], Options = new KustomizeGeneratorOptions { DisableNameSuffixHash = true } },
        ];
        manifests.AddObjects($"{Folder}/network-policy.yaml", [EgressPolicy(middleware)]);
        manifests.AddDocument($"{Folder}/kustomization.yaml", component);
        manifests.AddText($"{Folder}/{SecretsFile}.example",
            "# Copy to external-middleware.env (git-ignored): the connection string of each managed service, in the shape the client integration reads.\n"
            + string.Concat(keys.Select(key => $"{key}=\n")));
    }

    private static IEnumerable<DeletionPatch> Deletions(Workload workload, PublishedGraph graph)
    {
        yield return DeletionPatch.Of("apps/v1", "StatefulSet", workload.Name);
        yield return DeletionPatch.Of("v1", "Service", workload.Name);
        yield return DeletionPatch.Of("v1", "ServiceAccount", workload.Name);
        yield return DeletionPatch.Of("v1", "ConfigMap", $"{workload.Name}-settings");
        if (graph.Workloads.Any(client => client.Targets.Contains(workload.Name)))
        {
            yield return DeletionPatch.Of("networking.k8s.io/v1", "NetworkPolicy", $"{workload.Name}-ingress");
        }
    }

    /// <summary>Connection strings to the middleware come from the Secret; other values naming it are dropped.</summary>
    private static (List<JsonPatchOperation> Environment, List<JsonPatchOperation> Settings) Rewrites(Workload workload, HashSet<string> middleware, SortedSet<string> keys)
    {
        var variables = ContainerEnvironment.Of(workload, new Dictionary<string, string>()).Variables;
        var replaced = new List<JsonPatchOperation>();
        var removed = new List<int>();
        var settings = new List<JsonPatchOperation>();
        foreach (var (name, value) in workload.Environment.Where(variable => variable.Value.Targets.Overlaps(middleware)))
        {
            var index = variables.ToList().FindIndex(variable => variable.Name == name);
            if (index < 0)
            {
                settings.Add(JsonPatchOperation.Remove($"/data/{JsonPatchOperation.Escape(name)}"));
            }
            else if (name.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
            {
                keys.Add(name);
                replaced.Add(JsonPatchOperation.Replace($"/spec/template/spec/containers/0/env/{index}", new V1EnvVar
                {
                    Name = name,
                    ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = SecretName, Key = name } },
                }));
            }
            else
            {
                removed.Add(index);
            }
        }

        var environment = replaced.Concat(removed.OrderDescending().Select(index => JsonPatchOperation.Remove($"/spec/template/spec/containers/0/env/{index}"))).ToList();
        return (environment, settings);
    }

    private static V1NetworkPolicy EgressPolicy(IEnumerable<Workload> middleware) =>
        NetworkPolicyFactory.Policy("allow-external-middleware", new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector
            {
                MatchExpressions = [new V1LabelSelectorRequirement { Key = PlatformLabels.Component, OperatorProperty = "In", Values = ["module", "gateway", "migration"] }],
            },
            PolicyTypes = ["Egress"],
            Egress = [new V1NetworkPolicyEgressRule { Ports = middleware.SelectMany(workload => workload.Ports).Select(port => NetworkPolicyFactory.Port(port.ContainerPort)).DistinctBy(port => port.Port.Value).ToList() }],
        });

    private static KustomizeTarget Target(string kind, string name) => new() { Kind = kind, Name = $"^{name}$" };
}
