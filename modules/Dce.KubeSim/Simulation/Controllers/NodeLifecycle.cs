using System.Globalization;
using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// Node heartbeats: renews each node's Lease in kube-node-lease and its Ready condition, and turns nodes marked
/// NotReady by the failure controls Unknown with the unreachable taints and their pods not Ready, as the node lifecycle
/// controller does.
/// </summary>
public sealed class NodeLifecycle : IController
{
    private const string UnreachableTaint = "node.kubernetes.io/unreachable";
    private DateTime lastHeartbeat = DateTime.MinValue;

    public TimeSpan MinInterval => TimeSpan.FromMilliseconds(200);

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var heartbeat = now - lastHeartbeat >= cluster.Options.NodeHeartbeatInterval;
        if (heartbeat)
        {
            lastHeartbeat = now;
        }
        var nodeType = cluster.Type("", "nodes");
        foreach (var node in cluster.Store.List(nodeType.StorageKey, null).Items)
        {
            var down = cluster.Failures.NotReadyNodes.ContainsKey(node.Name);
            if (down == node.Ready)
            {
                SetReady(cluster, nodeType, node, !down);
                if (down)
                {
                    PodsOfNode.MarkNotReady(cluster, node.Name);
                }
                EventRecorder.Record(cluster, nodeType, node, down ? "NodeNotReady" : "NodeReady",
                    down ? $"Node {node.Name} status is now: NodeNotReady" : $"Node {node.Name} status is now: NodeReady", "node-controller", warning: down);
            }
            else if (heartbeat && !down)
            {
                Beat(cluster, nodeType, node);
            }
            if (heartbeat && !down)
            {
                RenewLease(cluster, node);
            }
        }
    }

    private static void SetReady(SimulatedCluster cluster, ResourceType nodeType, StoredObject node, bool ready)
    {
        cluster.Objects.Mutate(nodeType, "", node.Name, obj =>
        {
            obj.Obj("status")["conditions"] = NodeConditions.All(ready);
            var taints = obj.Obj("spec")["taints"] as JsonArray ?? [];
            foreach (var taint in taints.Where(t => t.Str("key") == UnreachableTaint).ToList())
            {
                taints.Remove(taint);
            }
            if (!ready)
            {
                taints.Add(new JsonObject { ["key"] = UnreachableTaint, ["effect"] = "NoSchedule", ["timeAdded"] = Json.Now() });
                taints.Add(new JsonObject { ["key"] = UnreachableTaint, ["effect"] = "NoExecute", ["timeAdded"] = Json.Now() });
            }
            obj.Obj("spec")["taints"] = taints.Count > 0 ? taints : null;
            return true;
        }, ObjectService.WholeObject);
    }

    private static void Beat(SimulatedCluster cluster, ResourceType nodeType, StoredObject node)
    {
        var stamp = Json.Now();
        cluster.Objects.Mutate(nodeType, "", node.Name, obj =>
        {
            foreach (var condition in obj.At("status.conditions") as JsonArray ?? [])
            {
                if (condition is JsonObject c)
                {
                    c["lastHeartbeatTime"] = stamp;
                }
            }
            return true;
        }, "status");
    }

    private static void RenewLease(SimulatedCluster cluster, StoredObject node)
    {
        var leaseType = cluster.Type("coordination.k8s.io", "leases");
        var renew = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        if (cluster.Objects.Mutate(leaseType, "kube-node-lease", node.Name, lease => { lease.Obj("spec")["renewTime"] = renew; return true; }) is not null)
        {
            return;
        }
        try
        {
            cluster.Objects.Create(leaseType, "kube-node-lease", new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = node.Name,
                    ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Node", ["name"] = node.Name, ["uid"] = node.Uid }),
                },
                ["spec"] = new JsonObject { ["holderIdentity"] = node.Name, ["leaseDurationSeconds"] = 40, ["renewTime"] = renew },
            });
        }
        catch (ApiException)
        {
            // Created concurrently.
        }
    }
}
