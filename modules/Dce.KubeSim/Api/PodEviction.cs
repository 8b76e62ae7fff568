using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Simulation.Controllers;

namespace Dce.KubeSim.Api;

/// <summary>
/// The <c>pods/eviction</c> subresource: a pod is deleted only if its PodDisruptionBudget allows one more disruption,
/// which the eviction then uses up; otherwise 429 with the budget as the cause, as the API server answers.
/// </summary>
public static class PodEviction
{
    private const string Refusal = "Cannot evict pod as it would violate the pod's disruption budget.";

    public static async Task EvictAsync(HttpContext context, SimulatedCluster sim, ResourceType podType, string ns, string name, RequestQuery query)
    {
        var body = context.Request.ContentLength is 0 ? null : await RequestBody.ReadObjectAsync(context);
        var dryRun = query.DryRun || (body.At("deleteOptions.dryRun") as JsonArray)?.Count > 0;
        lock (sim.Store.Sync)
        {
            var pod = sim.Objects.Get(podType, ns, name);
            if (!CanIgnoreBudget(pod))
            {
                CheckBudget(sim, pod, dryRun);
            }
            if (!dryRun)
            {
                sim.Objects.Delete(podType, ns, name, new DeleteOptions(PreconditionUid: body.StrAt("deleteOptions.preconditions.uid"),
                    GracePeriodSeconds: body.At("deleteOptions").Long("gracePeriodSeconds")));
            }
        }
        await KubeResponses.Node(context, 201, new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["code"] = 201,
        });
    }

    /// <summary>Pods that are done, not started or already going need no budget.</summary>
    private static bool CanIgnoreBudget(StoredObject pod) => pod.Phase is "Succeeded" or "Failed" or "Pending" || pod.Deleting;

    private static void CheckBudget(SimulatedCluster sim, StoredObject pod, bool dryRun)
    {
        var type = sim.Type("policy", "poddisruptionbudgets");
        var budgets = sim.Store.List(type.StorageKey, pod.Namespace).Items
            .Where(b => b.Parse().At("spec.selector") is JsonObject selector && Simulation.SelectorObject.Matches(selector, pod.Labels)).ToList();
        if (budgets.Count == 0)
        {
            return;
        }
        if (budgets.Count > 1)
        {
            throw new ApiException(500, "InternalError", "Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        }
        var pdb = budgets[0].Parse();
        var status = pdb["status"] as JsonObject;
        if (!pod.Ready)
        {
            if (pdb.StrAt("spec.unhealthyPodEvictionPolicy") == "AlwaysAllow")
            {
                return;
            }
            var currentHealthy = status.Long("currentHealthy") ?? 0;
            var desiredHealthy = status.Long("desiredHealthy") ?? 0;
            if (currentHealthy >= desiredHealthy && desiredHealthy > 0)
            {
                return;
            }
        }
        if ((status.Long("observedGeneration") ?? 0) < (pdb.At("metadata").Long("generation") ?? 1))
        {
            throw TooManyRequests($"The disruption budget {budgets[0].Name} is still being processed by the server.");
        }
        var allowed = status.Long("disruptionsAllowed") ?? 0;
        if (allowed < 0)
        {
            throw ApiException.Forbidden(type, budgets[0].Name, "pdb disruptions allowed is negative");
        }
        if (allowed == 0)
        {
            throw TooManyRequests($"The disruption budget {budgets[0].Name} needs {status.Long("desiredHealthy") ?? 0} healthy pods and has {status.Long("currentHealthy") ?? 0} currently");
        }
        if (dryRun)
        {
            return;
        }
        var now = DateTime.UtcNow;
        sim.Objects.Mutate(type, budgets[0].Namespace, budgets[0].Name, latest =>
        {
            var latestStatus = latest.Obj("status");
            var left = (latestStatus.Long("disruptionsAllowed") ?? 0) - 1;
            latestStatus["disruptionsAllowed"] = left;
            if (left == 0)
            {
                var generation = latestStatus.Long("observedGeneration") ?? 1;
                latestStatus["conditions"] = new JsonArray(DisruptionController.DisruptionAllowedCondition(latestStatus, false, generation, now));
            }
            latestStatus.Obj("disruptedPods")[pod.Name] = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            return true;
        }, "status");
    }

    private static ApiException TooManyRequests(string cause) => new(429, "TooManyRequests", Refusal, new JsonObject
    {
        ["causes"] = new JsonArray(new JsonObject { ["reason"] = "DisruptionBudget", ["message"] = cause }),
    });
}
