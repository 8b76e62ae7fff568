using Dce.AppHost.Publishing.Graph;
using k8s.Models;

namespace Dce.AppHost.Publishing.Base;

/// <summary>
/// Splits a workload's environment: settings known when publishing go to its ConfigMap; parameters come from the
/// generated Secret (secret ones) or the parameters ConfigMap, and values built from them are expanded by Kubernetes
/// (<c>$(NAME)</c>) from variables declared before them.
/// </summary>
public sealed record ContainerEnvironment(IList<V1EnvVar> Variables, IDictionary<string, string> Settings)
{
    /// <summary>The Secret generated from the git-ignored env file.</summary>
    public const string SecretName = "dce-secrets";

    /// <summary>The ConfigMap of the non-secret parameters.</summary>
    public const string ParametersConfigMap = "dce-parameters";

    /// <summary>The environment of <paramref name="workload"/>, with <paramref name="clusterSettings"/> added to its settings.</summary>
    public static ContainerEnvironment Of(Workload workload, IReadOnlyDictionary<string, string> clusterSettings)
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var exact = new List<V1EnvVar>();
        var composite = new List<V1EnvVar>();
        foreach (var (name, value) in workload.Environment)
        {
            if (value.Segments is [ParameterSegment only])
            {
                exact.Add(FromParameter(name, only.Parameter));
            }
            else if (value.HasParameters)
            {
                composite.Add(new V1EnvVar { Name = name, Value = value.ToKubernetesValue() });
            }
            else
            {
                settings[name] = value.ToLiteral();
            }
        }

        foreach (var (name, value) in clusterSettings)
        {
            settings[name] = value;
        }

        var declared = exact.Select(variable => variable.Name).ToHashSet(StringComparer.Ordinal);
        var declarations = workload.Parameters
            .Where(parameter => !declared.Contains(parameter.EnvironmentName))
            .Select(parameter => FromParameter(parameter.EnvironmentName, parameter))
            .ToList();
        var clash = declarations.Select(variable => variable.Name)
            .Intersect(composite.Select(variable => variable.Name).Concat(settings.Keys), StringComparer.Ordinal)
            .FirstOrDefault();
        if (clash is not null)
        {
            throw new InvalidOperationException($"{workload.Name}: the environment variable {clash} is both a setting and the carrier of parameter {clash}.");
        }

        return new ContainerEnvironment([.. declarations, .. exact, .. composite], settings);
    }

    private static V1EnvVar FromParameter(string name, PublishedParameter parameter) => new()
    {
        Name = name,
        ValueFrom = parameter.Secret
            ? new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = SecretName, Key = parameter.EnvironmentName } }
            : new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = ParametersConfigMap, Key = parameter.EnvironmentName } },
    };
}
