namespace Dce.Console.Components.Pages.Resources;

/// <summary>How the console reads one object of a kind: DCE's <c>/json</c> (the object as the cluster holds it), the object itself, or its list.</summary>
public enum ObjectRead
{
    Json,
    Object,
    FromList,
}

/// <summary>
/// A kind Container Management serves and the console shows with one pattern (list, detail with YAML, edit, create,
/// delete): where its API paths are, which operations DCE publishes for it, and the resource type its permissions are
/// asked for. Built-in kinds live in <see cref="ResourceKinds"/>; a custom resource is made from its group, version and plural.
/// </summary>
public sealed record ResourceKind(string Segment, string Title, string Group, string ApiVersion, string Kind, bool Namespaced, string Permission)
{
    public const string Module = "kpanda";
    private const string Api = "/apis/kpanda.io/v1alpha1";

    public ObjectRead Read { get; init; } = ObjectRead.Json;
    public bool Creatable { get; init; } = true;
    public bool Updatable { get; init; } = true;
    public bool Deletable { get; init; } = true;

    /// <summary>A namespaced kind whose objects of every namespace of a cluster can be listed at once.</summary>
    public bool ListsWholeCluster { get; init; } = true;

    /// <summary>The path segments between the cluster and the kind's collection (<c>/gvr/{group}/{version}</c> for custom resources).</summary>
    public string Prefix { get; init; } = "";

    /// <summary>The kind's plural in its API paths.</summary>
    public string Resource { get; init; } = Segment;

    public bool IsSecret => Segment == "secrets";

    /// <summary>The list of one namespace, or of the whole cluster; null when the kind can only be listed per namespace and none is given.</summary>
    public string? ListPath(string cluster, string? ns)
    {
        var inNamespace = Namespaced && !string.IsNullOrEmpty(ns);
        return Segment switch
        {
            "rolebindings" => $"{Api}/asl/rolebindings?cluster={E(cluster)}{(inNamespace ? $"&namespace={E(ns!)}" : "")}&pageSize=1000",
            "clusterrolebindings" => $"{Api}/asl/clusterrolebindings?cluster={E(cluster)}&pageSize=1000",
            "serviceaccounts" => $"{Api}/clusters/{E(cluster)}/serviceaccounts?pageSize=1000{(inNamespace ? $"&namespace={E(ns!)}" : "")}",
            _ when inNamespace || !Namespaced => $"{Collection(cluster, ns)}?pageSize=1000",
            _ when ListsWholeCluster => $"{Api}/clusters/{E(cluster)}{Prefix}/{Resource}?pageSize=1000",
            _ => null,
        };
    }

    public string ItemPath(string cluster, string? ns, string name) => $"{Collection(cluster, ns)}/{E(name)}";

    public string ReadPath(string cluster, string? ns, string name) => Read switch
    {
        ObjectRead.Json => $"{ItemPath(cluster, ns, name)}/json",
        ObjectRead.Object => ItemPath(cluster, ns, name),
        _ => ListPath(cluster, ns)!,
    };

    /// <summary>DCE creates a ClusterRole at its own name; every other kind at its collection.</summary>
    public string CreatePath(string cluster, string? ns, string name) =>
        Segment == "clusterroles" ? ItemPath(cluster, ns, name) : Collection(cluster, ns);

    /// <summary>DCE replaces a service account at the cluster's path, naming the namespace in the body.</summary>
    public string UpdatePath(string cluster, string? ns, string name) =>
        Segment == "serviceaccounts" ? $"{Api}/clusters/{E(cluster)}/serviceaccounts/{E(name)}" : ItemPath(cluster, ns, name);

    public object UpdateBody(string? ns, string data) => Segment == "serviceaccounts" ? new { @namespace = ns, data } : new { data };

    /// <summary>The route of a detail page: cluster-scoped objects carry <c>_</c> for their namespace.</summary>
    public string DetailHref(string cluster, string? ns, string name) =>
        $"/resources/{E(Segment)}/{E(cluster)}/{E(Namespaced && !string.IsNullOrEmpty(ns) ? ns : "_")}/{E(name)}";

    /// <summary>What a new object starts from on the create page.</summary>
    public string Template(string? ns) =>
        $"apiVersion: {ApiVersion}\nkind: {Kind}\nmetadata:\n  name: \n{(Namespaced && !string.IsNullOrEmpty(ns) ? $"  namespace: {ns}\n" : "")}" +
        Segment switch
        {
            "configmaps" => "data:\n  key: value\n",
            "secrets" => "type: Opaque\nstringData:\n  key: value\n",
            _ => "spec: {}\n",
        };

    /// <summary>A custom resource from its key <c>{plural}.{group}.{version}</c> (as a CRD's page links to it), namespaced or not.</summary>
    public static ResourceKind Custom(string plural, string group, string version, string kind, bool namespaced) =>
        new($"{plural}.{group}.{version}", kind, ResourceKinds.CustomGroup, $"{group}/{version}", kind, namespaced, "customresources")
        {
            Prefix = $"/gvr/{E(group)}/{E(version)}",
            Resource = plural,
        };

    private string Collection(string cluster, string? ns) => Namespaced
        ? $"{Api}/clusters/{E(cluster)}{Prefix}/namespaces/{E(ns ?? "")}/{Resource}"
        : $"{Api}/clusters/{E(cluster)}{Prefix}/{Resource}";

    private static string E(string value) => Uri.EscapeDataString(value);
}
