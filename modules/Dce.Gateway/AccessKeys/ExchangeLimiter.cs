using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dce.Gateway.AccessKeys;

/// <summary>
/// A token bucket of exchanges per client address. The exchange happens before the caller is known, so the per-subject
/// limit cannot cover it: without this, a flood of made-up keys would become a flood of calls to Global Management.
/// </summary>
internal sealed class ExchangeLimiter(IOptions<AccessKeySettings> settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Value.ExchangeBurst,
            TokensPerPeriod = settings.Value.ExchangesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public bool TryStart(string clientAddress)
    {
        using var lease = _limiter.AttemptAcquire(clientAddress);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
