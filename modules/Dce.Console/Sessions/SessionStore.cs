using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace Dce.Console.Sessions;

/// <summary>
/// Sessions in Redis, each sealed with the console's Data Protection keys, so any replica serves any user and signing
/// out on one ends the session on all of them.
/// </summary>
public sealed class SessionStore(IConnectionMultiplexer redis, IDataProtectionProvider protection)
{
    private readonly IDataProtector _seal = protection.CreateProtector("dce.console.sessions");

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public async Task SaveAsync(ConsoleSession session) =>
        await redis.GetDatabase().StringSetAsync(Key(session.Id), _seal.Protect(JsonSerializer.Serialize(session)), ConsoleSession.Lifetime);

    public async Task<ConsoleSession?> FindAsync(string id)
    {
        var value = await redis.GetDatabase().StringGetAsync(Key(id));
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<ConsoleSession>(_seal.Unprotect(value.ToString()));
    }

    public async Task TouchAsync(string id) => await redis.GetDatabase().KeyExpireAsync(Key(id), ConsoleSession.Lifetime);

    public async Task RemoveAsync(string id) => await redis.GetDatabase().KeyDeleteAsync(Key(id));

    private static RedisKey Key(string id) => new($"dce:console:session:{id}");
}
