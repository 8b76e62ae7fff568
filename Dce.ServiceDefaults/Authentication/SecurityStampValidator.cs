using System.Security.Cryptography;
using System.Text;
using Dce.ServiceDefaults.Api;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dce.ServiceDefaults.Authentication;

/// <summary>
/// Refuses tokens whose security stamp is no longer the user's current one (see <see cref="SecurityStamps"/>). Answers
/// are kept in process for <see cref="CacheDuration"/>, which bounds how long a revoked token keeps working here.
/// </summary>
public sealed class SecurityStampValidator(IServiceProvider services) : IDisposable
{
    /// <summary>How long a stamp read from Redis is trusted in this process.</summary>
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(2);

    private const string NoStamp = "";
    private readonly MemoryCache _recent = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>Fails the authentication of a revoked token; throws <see cref="DependencyUnavailableException"/> when the mirror cannot be read.</summary>
    public async Task ValidateAsync(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var subject = context.Principal?.FindFirst("sub")?.Value;
        var stamp = context.Principal?.FindFirst(SecurityStamps.ClaimType)?.Value;
        if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(stamp))
        {
            context.Fail("The token carries no security stamp.");
            return;
        }

        // A remembered stamp may predate a change: a token issued just after it is checked against Redis before it is refused.
        if (!Matches(await CurrentStampAsync(subject, remembered: true), stamp) && !Matches(await CurrentStampAsync(subject, remembered: false), stamp))
        {
            context.Fail("The token was revoked: the password or the account changed. Sign in again.");
        }
    }

    private static bool Matches(string current, string stamp) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(current), Encoding.UTF8.GetBytes(stamp));

    /// <summary>Drops what this process remembers of <paramref name="subject"/>'s stamp, so a change made here applies here at once.</summary>
    public void Forget(string subject) => _recent.Remove(subject);

    private async Task<string> CurrentStampAsync(string subject, bool remembered)
    {
        if (remembered && _recent.TryGetValue(subject, out string? stamp) && stamp is not null)
        {
            return stamp;
        }

        var redis = services.GetService<IConnectionMultiplexer>()
            ?? throw new InvalidOperationException("Token validation needs Redis: add the platform's Redis client (AddRedisClient).");
        RedisValue[] values;
        try
        {
            values = await redis.GetDatabase(services.GetRequiredService<IOptions<DceIdentityOptions>>().Value.StampDatabase).StringGetAsync([SecurityStamps.SentinelKey, SecurityStamps.KeyOf(subject)]);
        }
        catch (Exception unreachable) when (unreachable is RedisException or RedisTimeoutException)
        {
            throw new DependencyUnavailableException("Tokens cannot be checked: Redis cannot be reached.", unreachable);
        }

        if (values[0].IsNull)
        {
            throw new DependencyUnavailableException("Tokens cannot be checked: Global Management is rebuilding the revocation data.");
        }

        var current = values[1].IsNull ? NoStamp : values[1].ToString();
        _recent.Set(subject, current, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheDuration });
        return current;
    }

    /// <inheritdoc />
    public void Dispose() => _recent.Dispose();
}
