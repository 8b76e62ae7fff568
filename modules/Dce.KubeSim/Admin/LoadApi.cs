using Dce.Kubernetes.Selectors;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Simulation.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.KubeSim.Admin;

/// <summary>Run-time load of the pods a selector picks in a namespace: what <c>kubectl top</c> and autoscalers see.</summary>
public static class LoadApi
{
    public static RouteGroupBuilder MapLoadApi(this RouteGroupBuilder sim)
    {
        sim.MapPut("/clusters/{name}/namespaces/{ns}/load", SetLoad).WithName("SetNamespaceLoad")
            .WithSummary("Sets the CPU and memory load of the pods a selector picks (absolute values are totals unless perPod)");
        sim.MapDelete("/clusters/{name}/namespaces/{ns}/load", ClearLoad).WithName("ClearNamespaceLoad")
            .WithSummary("Clears the load set for a selector, or for the whole namespace without one");
        return sim;
    }

    private static Results<NoContent, NotFound, BadRequest<string>> SetLoad(string name, string ns, LoadRequest body, ClusterRegistry registry)
    {
        if (registry.Find(name) is not { } cluster)
        {
            return TypedResults.NotFound();
        }
        var selector = body.Selector?.Trim() ?? "";
        try
        {
            LabelSelector.Parse(selector);
        }
        catch (SelectorFormatException error)
        {
            return TypedResults.BadRequest($"invalid selector: {error.Message}");
        }
        LoadValue? cpu = null;
        LoadValue? memory = null;
        if ((body.Cpu is not null && !LoadValue.TryParse(body.Cpu, out cpu)) || (body.Memory is not null && !LoadValue.TryParse(body.Memory, out memory)))
        {
            return TypedResults.BadRequest("cpu and memory are a fraction of the request (0.9, 90%) or a quantity with a unit (800m, 256Mi)");
        }
        if (cpu is null && memory is null)
        {
            return TypedResults.BadRequest("give cpu, memory or both");
        }
        cluster.Load.Set(new LoadSetting(ns, selector, cpu, memory, body.PerPod));
        cluster.Store.Changed.Raise();
        return TypedResults.NoContent();
    }

    private static Results<NoContent, NotFound> ClearLoad(string name, string ns, string? selector, ClusterRegistry registry)
    {
        if (registry.Find(name) is not { } cluster)
        {
            return TypedResults.NotFound();
        }
        cluster.Load.Clear(ns, selector?.Trim());
        cluster.Store.Changed.Raise();
        return TypedResults.NoContent();
    }
}

/// <summary>
/// A load setting: <c>selector</c> picks pods in the namespace (all when empty); <c>cpu</c> and <c>memory</c> are a
/// fraction of each pod's request (<c>0.9</c>, <c>90%</c>) or a quantity with a unit (<c>800m</c>, <c>256Mi</c>) shared by
/// the running pods picked, or used by each when <c>perPod</c>.
/// </summary>
public sealed record LoadRequest(string? Selector, string? Cpu, string? Memory, bool PerPod = false);
