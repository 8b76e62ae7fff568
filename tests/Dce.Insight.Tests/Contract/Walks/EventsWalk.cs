using Dce.Testing.Contract;

namespace Dce.Insight.Tests.Contract.Walks;

/// <summary>The events the walk's Deployment raised: listed, around an instant, counted, per interval, and their reasons.</summary>
public static class EventsWalk
{
    public static async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var events = $"{InsightContract.Root}/event/cluster/{target.Cluster}/events";
        var filter = $"namespace={target.Namespace}";
        await walk.GetAsync($"{events}?{filter}");
        await walk.GetAsync($"{events}/context?{filter}&timestamp={DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}&before=10&after=10");
        await walk.CallAsync(HttpMethod.Post, $"{events}/count?{filter}", new { });
        await walk.GetAsync($"{events}/histogram?{filter}&interval=5m");
        await walk.GetAsync($"{events}/filter-options?{filter}");
        await walk.GetAsync($"{InsightContract.Root}/event/reasons");
    }
}
