using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// Deletes objects whose owners are all gone, deletes the dependents of owners in foreground deletion, and
/// releases an owner's <c>foregroundDeletion</c> finalizer once its blocking dependents are gone.
/// </summary>
public sealed class GarbageCollector : IController
{
    public TimeSpan MinInterval => TimeSpan.FromMilliseconds(200);

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var types = cluster.Catalog.All.Where(t => !t.ReadOnly && t.Plural != "events").DistinctBy(t => t.StorageKey).ToList();
        // Only objects with owners, or being deleted, have anything to collect; the store keeps them apart, and owners are
        // looked up among the kinds they name alone, since a cluster holding many objects that own nothing is rescanned
        // several times a second.
        var everything = types
            .SelectMany(t => cluster.Store.Collectable(t.StorageKey).Select(o => (Type: t, Object: o)))
            .ToList();
        if (everything.Count == 0)
        {
            return;
        }

        var ownerKinds = everything.SelectMany(e => e.Object.Owners).Select(o => o.Kind).ToHashSet(StringComparer.Ordinal);
        var byUid = new Dictionary<string, StoredObject>(StringComparer.Ordinal);
        foreach (var type in types.Where(t => ownerKinds.Contains(t.Kind)))
        {
            foreach (var obj in cluster.Store.List(type.StorageKey, null).Items)
            {
                byUid[obj.Uid] = obj;
            }
        }

        foreach (var (_, obj) in everything)
        {
            byUid[obj.Uid] = obj;
        }

        var dependentsOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (type, obj) in everything.Where(e => e.Object.Owners.Count > 0))
        {
            var owners = obj.Owners.Select(o => byUid.GetValueOrDefault(o.Uid)).ToList();
            var gone = owners.TrueForAll(o => o is null);
            var ownerInForeground = owners.Any(o => o is not null && o.Deleting && o.Finalizers.Contains("foregroundDeletion"));
            if ((gone || ownerInForeground) && !obj.Deleting)
            {
                Delete(cluster, type, obj, ownerInForeground ? Propagation.Foreground : Propagation.Background);
            }
            foreach (var owner in obj.Owners)
            {
                dependentsOf[owner.Uid] = dependentsOf.GetValueOrDefault(owner.Uid) + 1;
            }
        }
        foreach (var (type, obj) in everything.Where(e => e.Object.Deleting && e.Object.Finalizers.Contains("foregroundDeletion")))
        {
            if (dependentsOf.GetValueOrDefault(obj.Uid) == 0)
            {
                cluster.Objects.Mutate(type, obj.Namespace, obj.Name, latest =>
                {
                    if (latest.Metadata()["finalizers"] is not JsonArray finalizers)
                    {
                        return false;
                    }
                    foreach (var finalizer in finalizers.Where(f => f?.ToString() == "foregroundDeletion").ToList())
                    {
                        finalizers.Remove(finalizer);
                    }
                    return true;
                });
            }
        }
    }

    private static void Delete(SimulatedCluster cluster, ResourceType type, StoredObject obj, Propagation propagation)
    {
        try
        {
            cluster.Objects.Delete(type, obj.Namespace, obj.Name, new DeleteOptions(propagation));
        }
        catch (ApiException)
        {
            // Already deleted by someone else.
        }
    }
}
