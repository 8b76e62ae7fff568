namespace Dce.EventBus;

/// <summary>Exponential pauses between attempts against an unreachable broker or database, with jitter so replicas spread out.</summary>
internal static class Backoff
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(200);

    public static TimeSpan For(int failures, TimeSpan max)
    {
        var exponential = First * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = exponential < max ? exponential : max;
        return capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }
}
