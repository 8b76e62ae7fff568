namespace Dce.Console.Components.Pages.Multicloud;

/// <summary>A kind of Karmada policy as the kairship API serves it: its path segment, whether it lives in a namespace, a sample to start from.</summary>
public sealed record PolicyKind(string Segment, string Kind, bool Namespaced)
{
    public static readonly IReadOnlyList<PolicyKind> All =
    [
        new("propagationpolicies", "PropagationPolicy", true),
        new("overridepolicies", "OverridePolicy", true),
        new("clusterpropagationpolicies", "ClusterPropagationPolicy", false),
        new("clusteroverridepolicies", "ClusterOverridePolicy", false),
    ];

    public bool Propagates => Kind.EndsWith("PropagationPolicy", StringComparison.Ordinal);

    public static PolicyKind Of(string? segment) => All.FirstOrDefault(k => k.Segment == segment) ?? All[0];

    /// <summary>Where objects of this kind are created: in <paramref name="ns"/> when namespaced, else in the instance.</summary>
    public string CollectionPath(string instance, string ns) =>
        Namespaced ? $"{Kairship.Namespace(instance, ns)}/{Segment}" : $"{Kairship.Instance(instance)}/{Segment}";

    /// <summary>A policy to start from, selecting the workload <paramref name="selected"/> and sending it to <paramref name="members"/>.</summary>
    public string Sample(WorkloadSelector selected, IEnumerable<string> members) => Propagates
        ? $"""
          apiVersion: policy.karmada.io/v1alpha1
          kind: {Kind}
          metadata:
            name: {selected.Name}
          spec:
            resourceSelectors:
              - apiVersion: {selected.ApiVersion}
                kind: {selected.Kind}
                name: {selected.Name}
            placement:
              clusterAffinity:
                clusterNames: [{string.Join(", ", members)}]
              replicaScheduling:
                replicaSchedulingType: Duplicated

          """
        : $"""
          apiVersion: policy.karmada.io/v1alpha1
          kind: {Kind}
          metadata:
            name: {selected.Name}-image
          spec:
            resourceSelectors:
              - apiVersion: {selected.ApiVersion}
                kind: {selected.Kind}
                name: {selected.Name}
            overrideRules:
              - targetCluster:
                  clusterNames: [{string.Join(", ", members)}]
                overriders:
                  imageOverrider:
                    - component: Tag
                      operator: replace
                      value: "1.27"

          """;
}
