using Dce.KubeSim.Clusters;

namespace Dce.KubeSim.Api.Metrics;

/// <summary>
/// The API server's own <c>/metrics</c>: the requests the cluster answered (<c>apiserver_request_total</c>), what is in
/// flight, and how many objects it stores per resource (<c>apiserver_storage_objects</c>).
/// </summary>
public static class ApiServerMetrics
{
    public static ExpositionWriter Write(SimulatedCluster sim)
    {
        var metrics = new ExpositionWriter();
        metrics.Gauge("apiserver_current_inflight_requests",
            "[STABLE] Maximal number of currently used inflight request limit of this apiserver per request kind in last second.");
        metrics.Sample(sim.Requests.MutatingInFlight, ("request_kind", "mutating"));
        metrics.Sample(sim.Requests.ReadOnlyInFlight, ("request_kind", "readOnly"));

        metrics.Counter("apiserver_request_total",
            "[STABLE] Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.");
        foreach (var (series, code, count) in sim.Requests.Answered
            .OrderBy(a => a.Series.Group, StringComparer.Ordinal).ThenBy(a => a.Series.Resource, StringComparer.Ordinal)
            .ThenBy(a => a.Series.Subresource, StringComparer.Ordinal).ThenBy(a => a.Series.Verb, StringComparer.Ordinal).ThenBy(a => a.Code))
        {
            metrics.Sample(count, ("code", code.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("component", "apiserver"),
                ("dry_run", series.DryRun), ("group", series.Group), ("resource", series.Resource), ("scope", series.Scope),
                ("subresource", series.Subresource), ("verb", series.Verb), ("version", series.Version));
        }

        metrics.Gauge("apiserver_storage_objects",
            "[STABLE] Number of stored objects at the time of last check split by kind. In case of a fetching error, the value will be -1.");
        var stored = sim.Catalog.All.Where(t => !t.Virtual && !t.ReadOnly).DistinctBy(t => t.StorageKey)
            .Select(t => (Resource: t.Group.Length == 0 ? t.Plural : $"{t.Plural}.{t.Group}", Count: sim.Store.Count(t.StorageKey)));
        foreach (var (resource, count) in stored.OrderBy(s => s.Resource, StringComparer.Ordinal))
        {
            metrics.Sample(count, ("resource", resource));
        }
        return metrics;
    }
}
