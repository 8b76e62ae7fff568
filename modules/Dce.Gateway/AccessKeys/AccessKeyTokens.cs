using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Dce.ServiceDefaults.Authentication;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dce.Gateway.AccessKeys;

/// <summary>
/// Exchanges access keys for tokens at Global Management's token endpoint (its access-key grant) and keeps each token in
/// Redis, under the key's hash, for <see cref="AccessKeySettings.CacheDuration"/> at most: every gateway replica shares
/// them, a deleted key stops working within that time, and a revoked user at once (its tokens' stamp no longer matches).
/// </summary>
internal sealed class AccessKeyTokens(IHttpClientFactory clients, IConnectionMultiplexer redis, IOptions<DceIdentityOptions> identity,
    IOptions<AccessKeySettings> settings, ExchangeLimiter limiter)
{
    public const string ClientName = "access-key-exchange";
    private const string CachePrefix = "dce:gateway:access-key:";

    // A token is never one of these, so one cache entry answers for a key either way.
    private const string RefusedMarker = "!refused";
    private const string DisabledMarker = "!disabled";

    public async Task<ExchangeResult> ExchangeAsync(string accessKey, string clientAddress, CancellationToken cancellationToken)
    {
        var cacheKey = CachePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accessKey)));
        var database = redis.GetDatabase();
        switch (await ReadCachedAsync(database, cacheKey))
        {
            case RefusedMarker:
                return new ExchangeResult(ExchangeOutcome.Refused, null);
            case DisabledMarker:
                return new ExchangeResult(ExchangeOutcome.Disabled, null);
            case { } cached:
                return new ExchangeResult(ExchangeOutcome.Exchanged, cached);
        }

        if (!limiter.TryStart(clientAddress))
        {
            return new ExchangeResult(ExchangeOutcome.Limited, null);
        }

        if (identity.Value.Authority is not { } authority)
        {
            return new ExchangeResult(ExchangeOutcome.Unavailable, null);
        }

        HttpResponseMessage response;
        try
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "urn:dce:params:oauth:grant-type:access-key",
                ["access_key"] = accessKey,
            });
            response = await clients.CreateClient(ClientName).PostAsync(new Uri(authority.TrimEnd('/') + settings.Value.TokenPath), form, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return new ExchangeResult(ExchangeOutcome.Unavailable, null);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest)
            {
                var disabled = response.StatusCode == HttpStatusCode.Forbidden;
                await CacheAsync(database, cacheKey, disabled ? DisabledMarker : RefusedMarker, settings.Value.RefusalCacheDuration);
                return new ExchangeResult(disabled ? ExchangeOutcome.Disabled : ExchangeOutcome.Refused, null);
            }

            if (!response.IsSuccessStatusCode
                || await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken) is not { AccessToken: { Length: > 0 } token, ExpiresIn: var expiresIn })
            {
                return new ExchangeResult(ExchangeOutcome.Unavailable, null);
            }

            // Kept shorter than the token lives, so a forwarded token never expires on its way to a module.
            var keep = TimeSpan.FromSeconds(Math.Min(settings.Value.CacheDuration.TotalSeconds, expiresIn - 30));
            await CacheAsync(database, cacheKey, token, keep);

            return new ExchangeResult(ExchangeOutcome.Exchanged, token);
        }
    }

    // Without Redis every request exchanges its key: slower, never wrong.
    private static async Task<string?> ReadCachedAsync(IDatabase database, string cacheKey)
    {
        try
        {
            return await database.StringGetAsync(cacheKey) is { HasValue: true } cached ? cached.ToString() : null;
        }
        catch (RedisException)
        {
            return null;
        }
    }

    private static async Task CacheAsync(IDatabase database, string cacheKey, string answer, TimeSpan keep)
    {
        if (keep <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await database.StringSetAsync(cacheKey, answer, keep);
        }
        catch (RedisException)
        {
            // The next request exchanges again.
        }
    }

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

internal enum ExchangeOutcome
{
    Exchanged,
    Refused,
    Disabled,
    Limited,
    Unavailable,
}

internal sealed record ExchangeResult(ExchangeOutcome Outcome, string? Token);
