using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Simulation.Controllers;

namespace Dce.KubeSim.Simulation.Storage;

/// <summary>
/// The VolumeBinding plugin's view of one pod's claims: a claim that is missing or unbound with Immediate binding
/// fails before any node is looked at; bound volumes restrict nodes by their node affinity; claims of a
/// WaitForFirstConsumer class wait for the scheduler to pick a node (<c>volume.kubernetes.io/selected-node</c>).
/// </summary>
public sealed class PodVolumes
{
    public const string SelectedNodeAnnotation = "volume.kubernetes.io/selected-node";

    private readonly List<JsonArray> nodeAffinities = [];
    private readonly List<StoredObject> waitingForNode = [];

    private PodVolumes()
    {
    }

    /// <summary>Why no node can be considered (the PreFilter message), or null.</summary>
    public string? PreFilterFailure { get; private set; }

    /// <summary>Claims whose node is chosen but whose volume is not bound yet: the pod waits.</summary>
    public bool AwaitingBinding { get; private set; }

    /// <summary>Unbound WaitForFirstConsumer claims that need a node picked.</summary>
    public IReadOnlyList<StoredObject> WaitingForNode => waitingForNode;

    public static PodVolumes Of(SimulatedCluster cluster, string ns, JsonObject podSpec)
    {
        var result = new PodVolumes();
        var claimType = cluster.Type("", "persistentvolumeclaims");
        var volumeType = cluster.Type("", "persistentvolumes");
        foreach (var claimName in (podSpec["volumes"] as JsonArray ?? []).Select(v => v.At("persistentVolumeClaim").Str("claimName")).OfType<string>())
        {
            var claim = cluster.Store.Get(claimType.StorageKey, ns, claimName);
            if (claim is null)
            {
                result.PreFilterFailure = $"persistentvolumeclaim \"{claimName}\" not found";
                return result;
            }
            if (claim.Deleting)
            {
                result.PreFilterFailure = $"persistentvolumeclaim \"{claimName}\" is being deleted";
                return result;
            }
            var obj = claim.Parse();
            if (obj.StrAt("status.phase") == "Bound")
            {
                if (cluster.Store.Get(volumeType.StorageKey, "", obj.StrAt("spec.volumeName") ?? "")?.Parse()
                        .At("spec.nodeAffinity.required.nodeSelectorTerms") is JsonArray terms)
                {
                    result.nodeAffinities.Add(terms);
                }
                continue;
            }
            var storageClass = StorageClassLookup.Find(cluster.Store, cluster.Catalog, obj.StrAt("spec.storageClassName"));
            if (!StorageClassLookup.WaitsForFirstConsumer(storageClass))
            {
                result.PreFilterFailure = "pod has unbound immediate PersistentVolumeClaims";
                return result;
            }
            if (obj.At("metadata.annotations").Str(SelectedNodeAnnotation) is { Length: > 0 })
            {
                result.AwaitingBinding = true;
            }
            else
            {
                result.waitingForNode.Add(claim);
            }
        }
        return result;
    }

    public bool FitsNode(IReadOnlyDictionary<string, string> nodeLabels) =>
        nodeAffinities.All(terms => SchedulingRules.MatchesTerms(terms, nodeLabels));

    /// <summary>Marks the waiting claims with the chosen node, so their provisioner creates the volumes there.</summary>
    public void SelectNode(SimulatedCluster cluster, string nodeName)
    {
        var claimType = cluster.Type("", "persistentvolumeclaims");
        foreach (var claim in waitingForNode)
        {
            cluster.Objects.Mutate(claimType, claim.Namespace, claim.Name, obj =>
            {
                obj.Metadata().Obj("annotations")[SelectedNodeAnnotation] = nodeName;
                return true;
            });
        }
    }
}
