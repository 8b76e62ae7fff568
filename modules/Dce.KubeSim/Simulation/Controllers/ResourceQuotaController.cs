using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery.Quota;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>Keeps each ResourceQuota's status.hard and status.used current, as <c>kubectl describe quota</c> shows them.</summary>
public sealed class ResourceQuotaController : IController
{
    public TimeSpan MinInterval => TimeSpan.Zero;

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var type = cluster.Type("", "resourcequotas");
        foreach (var stored in cluster.Store.List(type.StorageKey, null, q => !q.Deleting).Items)
        {
            var quota = stored.Parse();
            var hard = QuotaAdmission.Hard(quota);
            var used = NamespaceUsage.Of(cluster.Store, cluster.Catalog, stored.Namespace, hard.Keys, quota);
            var status = new JsonObject
            {
                ["hard"] = ToJson(hard.OrderBy(h => h.Key, StringComparer.Ordinal)),
                ["used"] = ToJson(used),
            };
            if (JsonNode.DeepEquals(status, quota["status"]))
            {
                continue;
            }
            cluster.Objects.Mutate(type, stored.Namespace, stored.Name, latest => { latest["status"] = status.DeepClone(); return true; }, "status");
        }
    }

    private static JsonObject ToJson(IEnumerable<KeyValuePair<string, Quantity>> amounts) =>
        new(amounts.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value.ToString()))));
}
