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
        var now = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await walk.GetAsync($"{events}/context?{filter}&timestamp={now}&before=10&after=10");
        await target.Blank.WalkAsync(walk, HttpMethod.Post, $"{events}/count?{filter}", new { });
        await walk.GetAsync($"{events}/histogram?{filter}&interval=5m");
        await target.Blank.WalkAsync(walk, HttpMethod.Get, $"{events}/filter-options?{filter}");
        await target.Blank.WalkAsync(walk, HttpMethod.Get, $"{InsightContract.Root}/event/reasons");
    }
}
