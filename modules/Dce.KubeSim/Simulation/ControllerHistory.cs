using System.Globalization;
using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation;

/// <summary>
/// The ControllerRevisions of a StatefulSet or DaemonSet: one per distinct pod template, named
/// <c>&lt;owner&gt;-&lt;hash&gt;</c>, holding the template as the strategic merge patch
/// <c>{"spec":{"template":{...,"$patch":"replace"}}}</c> that <c>kubectl rollout undo</c> applies back.
/// </summary>
public static class ControllerHistory
{
    public const string HashLabel = "controller.kubernetes.io/hash";

    /// <summary>
    /// Makes sure the current template has a revision and that it is the newest, renumbering an older revision
    /// the template went back to, as the controllers do; returns its name.
    /// </summary>
    public static string Record(SimulatedCluster cluster, ResourceType ownerType, StoredObject owner, JsonObject ownerObj, string hash)
    {
        var type = cluster.Type("apps", "controllerrevisions");
        var name = $"{owner.Name}-{hash}";
        var revisions = cluster.Store.OwnedBy(type.StorageKey, owner.Uid);
        var newest = revisions.Select(Number).DefaultIfEmpty(0).Max();
        if (revisions.FirstOrDefault(r => r.Name == name) is { } existing)
        {
            if (Number(existing) < newest)
            {
                cluster.Objects.Mutate(type, owner.Namespace, name, r => { r["revision"] = newest + 1; return true; });
            }
            return name;
        }
        var template = ownerObj.At("spec.template")?.DeepClone() as JsonObject ?? [];
        template["$patch"] = "replace";
        var labels = template.At("metadata.labels")?.DeepClone() as JsonObject ?? [];
        labels[HashLabel] = hash;
        try
        {
            cluster.Objects.Create(type, owner.Namespace, new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name, ["labels"] = labels,
                    ["ownerReferences"] = new JsonArray(WorkloadMath.OwnerReference(ownerType, owner)),
                },
                ["data"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = template } },
                ["revision"] = newest + 1,
            });
        }
        catch (ApiException)
        {
            // A leftover revision of an earlier owner with the same name; the next pass sees it gone or adopted.
        }
        return name;
    }

    /// <summary>Deletes the oldest revisions past spec.revisionHistoryLimit, never one in <paramref name="inUse"/>.</summary>
    public static void Trim(SimulatedCluster cluster, StoredObject owner, JsonObject ownerObj, IReadOnlyCollection<string> inUse)
    {
        var type = cluster.Type("apps", "controllerrevisions");
        var limit = (int)(ownerObj.At("spec").Long("revisionHistoryLimit") ?? 10);
        var old = cluster.Store.OwnedBy(type.StorageKey, owner.Uid).Where(r => !inUse.Contains(r.Name)).OrderBy(Number).ToList();
        foreach (var extra in old.Take(Math.Max(0, old.Count - limit)))
        {
            try
            {
                cluster.Objects.Delete(type, extra.Namespace, extra.Name);
            }
            catch (ApiException)
            {
                // Already gone.
            }
        }
    }

    private static long Number(StoredObject revision) =>
        long.TryParse(revision.Parse()["revision"]?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
