using Dce.KubeSim.Clusters;
using Dce.KubeSim.Simulation.Pods;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.KubeSim.Admin;

/// <summary>Faults set on one pod at runtime, on top of its <c>kubesim.dce.io/...</c> annotations.</summary>
public static class PodFaultEndpoints
{
    public static RouteGroupBuilder MapPodFaults(this RouteGroupBuilder sim)
    {
        sim.MapPut("/clusters/{name}/namespaces/{ns}/pods/{pod}/fault", SetFault).WithName("SetPodFault")
            .WithSummary("Makes a pod's containers crash, get OOM-killed, fail probes or image pulls");
        sim.MapDelete("/clusters/{name}/namespaces/{ns}/pods/{pod}/fault", ClearFault).WithName("ClearPodFault")
            .WithSummary("Removes the faults set on a pod");
        return sim;
    }

    private static Results<NoContent, NotFound> SetFault(string name, string ns, string pod, PodFault body, ClusterRegistry registry) =>
        With(registry, name, c => c.Failures.PodFaults[$"{ns}/{pod}"] = body);

    private static Results<NoContent, NotFound> ClearFault(string name, string ns, string pod, ClusterRegistry registry) =>
        With(registry, name, c => c.Failures.PodFaults.TryRemove($"{ns}/{pod}", out _));

    private static Results<NoContent, NotFound> With(ClusterRegistry registry, string name, Action<SimulatedCluster> action)
    {
        if (registry.Find(name) is not { } cluster)
        {
            return TypedResults.NotFound();
        }
        action(cluster);
        cluster.Store.Changed.Raise();
        return TypedResults.NoContent();
    }
}
