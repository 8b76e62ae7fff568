namespace Dce.Multicloud.Engine.Crds;

/// <summary>
/// The CustomResourceDefinitions a Karmada control plane serves (clusters, policies, works and bindings), written as
/// compact structural schemas: spec and status are kept as given, the printer columns are Karmada's.
/// </summary>
public static class KarmadaCrds
{
    /// <summary>The definitions' names, in install order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "clusters.cluster.karmada.io",
        "propagationpolicies.policy.karmada.io",
        "clusterpropagationpolicies.policy.karmada.io",
        "overridepolicies.policy.karmada.io",
        "clusteroverridepolicies.policy.karmada.io",
        "works.work.karmada.io",
        "resourcebindings.work.karmada.io",
        "clusterresourcebindings.work.karmada.io",
    ];

    /// <summary>The YAML of each definition, in the order of <see cref="Names"/>.</summary>
    public static IReadOnlyList<string> All { get; } = Names.Select(Read).ToList();

    private static string Read(string name)
    {
        var resource = $"{typeof(KarmadaCrds).Namespace}.{name}.yaml";
        using var stream = typeof(KarmadaCrds).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded CustomResourceDefinition {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
