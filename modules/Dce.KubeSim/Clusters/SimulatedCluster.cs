using System.Text.Json.Nodes;
using Dce.KubeSim.Configuration;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Clusters;

/// <summary>One simulated cluster: its profile, state, API semantics and injected faults.</summary>
public sealed class SimulatedCluster
{
    public SimulatedCluster(ClusterProfile profile, KubeSimOptions options)
    {
        Profile = profile;
        Options = options;
        Token = string.IsNullOrEmpty(profile.Token) ? Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).ToLowerInvariant() : profile.Token;
        Store = new ObjectStore(options.WatchHistorySize);
        Catalog = new ResourceCatalog();
        Objects = new ObjectService(Store, Catalog) { DefaultTolerationSeconds = options.DefaultTolerationSeconds };
        Objects.Committed += OnCommitted;
    }

    public string Name => Profile.Name;
    public ClusterProfile Profile { get; }
    public KubeSimOptions Options { get; }
    public string Token { get; }
    /// <summary>The PEM of the certificate clients trust for this cluster, as token Secrets carry it in <c>ca.crt</c>.</summary>
    public string CertificateAuthorityPem { get; set; } = "";
    public ObjectStore Store { get; }
    public ResourceCatalog Catalog { get; }
    public ObjectService Objects { get; }
    public FailureState Failures { get; } = new();
    /// <summary>Load set at run time through the admin API, read by the usage model.</summary>
    public Simulation.Usage.LoadSettings Load { get; } = new();
    /// <summary>The CPU seconds its containers have used, as the kubelet's cAdvisor metrics count them.</summary>
    public Simulation.Usage.ContainerCpuTime CpuTime { get; } = new();
    /// <summary>The requests its API has answered, as the API server's <c>/metrics</c> counts them.</summary>
    public Api.Metrics.ServedRequests Requests { get; } = new();
    public DateTime StartedAt { get; private set; } = DateTime.UtcNow;

    private readonly CancellationTokenSource stopping = new();

    /// <summary>Cancelled when the cluster is removed: its controllers stop.</summary>
    public CancellationToken Stopping => stopping.Token;

    /// <summary>Stops the cluster for good: watches end and controllers stop.</summary>
    public void Stop()
    {
        Store.DropWatches();
        stopping.Cancel();
    }

    public ResourceType Type(string group, string plural) =>
        Catalog.All.First(t => t.Group == group && t.Plural == plural);

    /// <summary>Restarts the API: every open watch ends, state is kept.</summary>
    public void Restart()
    {
        Store.DropWatches();
        StartedAt = DateTime.UtcNow;
    }

    /// <summary>Serves again the custom resources of the CustomResourceDefinitions a restored state holds.</summary>
    public void RestoreCustomResources()
    {
        foreach (var crd in Store.List(Type("apiextensions.k8s.io", "customresourcedefinitions").StorageKey, null).Items)
        {
            Catalog.SetCustom(crd.Name, CustomResourceTypes.FromDefinition(crd.Parse()));
        }
    }

    private void OnCommitted(ResourceType type, StoredObject stored, string eventType)
    {
        if (type.Plural != "customresourcedefinitions")
        {
            return;
        }
        if (eventType == "DELETED")
        {
            Catalog.RemoveCustom(stored.Name);
            return;
        }
        Catalog.SetCustom(stored.Name, CustomResourceTypes.FromDefinition(stored.Parse()));
    }
}

/// <summary>Turns a CustomResourceDefinition into the resource types it serves.</summary>
public static class CustomResourceTypes
{
    public static IReadOnlyList<ResourceType> FromDefinition(JsonObject crd)
    {
        var spec = crd["spec"];
        var names = spec?["names"];
        var group = spec.Str("group") ?? "";
        var plural = names.Str("plural") ?? "";
        var kind = names.Str("kind") ?? "";
        var shortNames = (names?["shortNames"] as JsonArray)?.Select(n => n?.ToString() ?? "").ToArray() ?? [];
        var categories = (names?["categories"] as JsonArray)?.Select(n => n?.ToString() ?? "").ToArray() ?? [];
        var namespaced = spec.Str("scope") != "Cluster";
        return (spec?["versions"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(v => v["served"]?.GetValue<bool>() != false)
            .Select(v => new ResourceType
            {
                Group = group, Version = v.Str("name") ?? "v1", Plural = plural, Kind = kind, Namespaced = namespaced,
                ShortNames = shortNames, Categories = categories,
                HasStatus = v["subresources"]?["status"] is not null, HasScale = v["subresources"]?["scale"] is not null,
                CustomSchema = v["schema"]?["openAPIV3Schema"]?.DeepClone() as JsonObject,
                PrinterColumns = PrinterColumn.From(v["additionalPrinterColumns"]),
            })
            .ToList();
    }
}
