using Dce.Kubernetes.Resources;
using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Templates;

namespace Dce.Multicloud.Propagation.Informers;

/// <summary>The informers of one control plane: templates of every propagated kind and Karmada's objects.</summary>
public sealed class ControlPlaneCache
{
    public ControlPlaneCache(KubeApi api, PropagationOptions options, ILogger logger)
    {
        Informer Create(ResourceKind kind) => new(api, kind, options.WatchTimeout, logger);
        Clusters = Create(Kinds.Cluster);
        PropagationPolicies = Create(Kinds.PropagationPolicy);
        ClusterPropagationPolicies = Create(Kinds.ClusterPropagationPolicy);
        OverridePolicies = Create(Kinds.OverridePolicy);
        ClusterOverridePolicies = Create(Kinds.ClusterOverridePolicy);
        Bindings = Create(Kinds.ResourceBinding);
        Works = Create(Kinds.Work);
        Templates = TemplateKinds.All.ToDictionary(kind => kind.Kind, Create, StringComparer.Ordinal);
        Works.OnChange((old, current) => IndexWork(old, current));
    }

    public Informer Clusters { get; }

    public Informer PropagationPolicies { get; }

    public Informer ClusterPropagationPolicies { get; }

    public Informer OverridePolicies { get; }

    public Informer ClusterOverridePolicies { get; }

    public Informer Bindings { get; }

    public Informer Works { get; }

    /// <summary>Template informers by kind (the Secret one also serves the members' kubeconfig secrets).</summary>
    public IReadOnlyDictionary<string, Informer> Templates { get; }

    public IEnumerable<Informer> All => [Clusters, PropagationPolicies, ClusterPropagationPolicies, OverridePolicies, ClusterOverridePolicies, Bindings, Works, .. Templates.Values];

    private readonly Dictionary<string, HashSet<string>> worksByBinding = new(StringComparer.Ordinal);
    private readonly Lock worksGate = new();

    /// <summary>The works made for a binding, as (namespace, name).</summary>
    public IReadOnlyList<JsonObject> WorksOf(string bindingNamespace, string bindingName)
    {
        lock (worksGate)
        {
            return worksByBinding.TryGetValue($"{bindingNamespace}/{bindingName}", out var keys)
                ? keys.Select(key => key.Split('/')).Select(parts => Works.Get(parts[0], parts[1])).OfType<JsonObject>().ToList()
                : [];
        }
    }

    public JsonObject? Template(string kind, string ns, string name) =>
        Templates.TryGetValue(kind, out var informer) ? informer.Get(ns, name) : null;

    private void IndexWork(JsonObject? old, JsonObject? current)
    {
        lock (worksGate)
        {
            if (old is not null && BindingKeyOf(old) is { } oldBinding && worksByBinding.TryGetValue(oldBinding, out var keys))
            {
                keys.Remove(Informer.KeyOf(old.Namespace(), old.Name()));
            }

            if (current is not null && BindingKeyOf(current) is { } binding)
            {
                if (!worksByBinding.TryGetValue(binding, out var set))
                {
                    worksByBinding[binding] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(Informer.KeyOf(current.Namespace(), current.Name()));
            }
        }
    }

    public static string? BindingKeyOf(JsonObject work) =>
        work.Label(KarmadaNames.BindingNamespaceLabel) is { } ns && work.Label(KarmadaNames.BindingNameLabel) is { } name ? $"{ns}/{name}" : null;
}
