using System.Collections.Concurrent;
using Dce.KubeSim.Authorization;

namespace Dce.KubeSim.Api.Metrics;

/// <summary>
/// The requests one cluster's API has answered, counted by the labels kube-apiserver gives
/// <c>apiserver_request_total</c>, and those still being answered (<c>apiserver_current_inflight_requests</c>).
/// </summary>
public sealed class ServedRequests
{
    private readonly ConcurrentDictionary<(RequestSeries Series, int Code), long> answered = new();
    private int readOnlyInFlight;
    private int mutatingInFlight;

    public int ReadOnlyInFlight => Volatile.Read(ref readOnlyInFlight);

    public int MutatingInFlight => Volatile.Read(ref mutatingInFlight);

    /// <summary>Every series counted so far with its count.</summary>
    public IReadOnlyList<(RequestSeries Series, int Code, long Count)> Answered =>
        answered.Select(a => (a.Key.Series, a.Key.Code, a.Value)).ToList();

    /// <summary>Notes a request as in flight (unless it is long-running: watches and proxies are not counted there).</summary>
    public RequestSeries Start(HttpRequest request, RequestAttributes attributes)
    {
        var series = RequestSeries.Of(request, attributes);
        if (!series.LongRunning)
        {
            Interlocked.Increment(ref series.ReadOnly ? ref readOnlyInFlight : ref mutatingInFlight);
        }
        return series;
    }

    /// <summary>Counts a request answered with <paramref name="code"/>.</summary>
    public void Finish(RequestSeries series, int code)
    {
        if (!series.LongRunning)
        {
            Interlocked.Decrement(ref series.ReadOnly ? ref readOnlyInFlight : ref mutatingInFlight);
        }
        answered.AddOrUpdate((series, code), 1, (_, count) => count + 1);
    }
}
