using Dce.AppHost.Publishing.Graph;
using Dce.AppHost.Publishing.Kustomize;
using k8s.Models;

namespace Dce.AppHost.Publishing.Base;

/// <summary>Writes <c>base/</c>: the namespace, one file per workload, the collector, the policies and the kustomization.</summary>
public static class BaseManifests
{
    /// <summary>The git-ignored env file the Secret is generated from.</summary>
    public const string SecretsFile = "secrets.env";

    /// <summary>Adds the base to <paramref name="manifests"/>.</summary>
    public static void Add(ManifestSet manifests, PublishedGraph graph, KubernetesPublishOptions options)
    {
        var resources = new List<string> { "namespace.yaml", "parameters.yaml", "network-policies.yaml", "otel-collector.yaml" };
        manifests.AddObjects("base/namespace.yaml", [Namespace(options.Namespace)]);
        manifests.AddObjects("base/parameters.yaml", [Parameters(graph)]);
        manifests.AddObjects("base/network-policies.yaml", NetworkPolicyFactory.Platform());
        manifests.AddObjects("base/otel-collector.yaml", OpenTelemetryCollectorFactory.Create());

        foreach (var workload in graph.Workloads)
        {
            var objects = workload.Kind switch
            {
                WorkloadKind.Service => ServiceWorkloadFactory.Create(workload, MigrationsOf(workload, graph))
                    .Concat(workload.IsExternal ? [IngressFactory.Create(workload)] : []),
                WorkloadKind.Job => MigrationJobFactory.Create(workload),
                WorkloadKind.Alertmanager => AlertmanagerFactory.Create(workload),
                _ => MiddlewareFactory.Create(workload),
            };
            manifests.AddObjects($"base/{workload.Name}.yaml", objects.Concat(NetworkPolicyFactory.For(workload, graph)));
            resources.Add($"{workload.Name}.yaml");
        }

        var waiters = graph.OfKind(WorkloadKind.Service).Where(workload => MigrationsOf(workload, graph).Count > 0).Select(workload => workload.Name).ToList();
        if (waiters.Count > 0)
        {
            manifests.AddObjects("base/migration-access.yaml", MigrationWait.Access(waiters));
            resources.Add("migration-access.yaml");
        }

        var kustomization = Kustomization.Of(resources);
        kustomization.Namespace = options.Namespace;
        kustomization.Labels = [new KustomizeLabels { Pairs = new Dictionary<string, string> { [PlatformLabels.PartOf] = PlatformLabels.Platform } }];
        var secrets = graph.Parameters.Where(parameter => parameter.Secret).ToList();
        if (secrets.Count > 0)
        {
            kustomization.SecretGenerator = [new KustomizeGenerator { Name = ContainerEnvironment.SecretName, Envs = [SecretsFile] }];
        }

        manifests.AddDocument("base/kustomization.yaml", kustomization);
        manifests.AddText($"base/{SecretsFile}.example", SecretsExample(secrets));
    }

    /// <summary>The migration Jobs <paramref name="workload"/> waits for.</summary>
    public static List<string> MigrationsOf(Workload workload, PublishedGraph graph) =>
        graph.OfKind(WorkloadKind.Job).Where(job => job.CompletesBefore.Contains(workload.Name)).Select(job => job.Name).ToList();

    private static V1Namespace Namespace(string name) => new()
    {
        ApiVersion = "v1", Kind = "Namespace",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = new Dictionary<string, string>
            {
                ["pod-security.kubernetes.io/enforce"] = "restricted",
                ["pod-security.kubernetes.io/warn"] = "restricted",
                [PlatformLabels.PartOf] = PlatformLabels.Platform,
            },
        },
    };

    private static V1ConfigMap Parameters(PublishedGraph graph) => new()
    {
        ApiVersion = "v1", Kind = "ConfigMap",
        Metadata = Meta.Of(ContainerEnvironment.ParametersConfigMap, ContainerEnvironment.ParametersConfigMap, "configuration"),
        Data = graph.Parameters.Where(parameter => !parameter.Secret)
            .ToDictionary(parameter => parameter.EnvironmentName, parameter => parameter.PublishedValue ?? "", StringComparer.Ordinal),
    };

    private static string SecretsExample(IReadOnlyList<PublishedParameter> secrets)
    {
        var lines = new List<string>
        {
            "# Copy to secrets.env (git-ignored) and fill in every value; kustomize generates the dce-secrets Secret from it.",
            "# One line per secret parameter of the AppHost graph.",
        };
        lines.AddRange(secrets.Select(parameter => $"{parameter.EnvironmentName}="));
        return string.Join('\n', lines) + "\n";
    }
}
