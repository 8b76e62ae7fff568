using Dce.ServiceDefaults.Authorization;
using StackExchange.Redis;

namespace Dce.GlobalManagement.Services.Access;

/// <summary>
/// Cached answers to access questions in Redis. Every change of bindings, roles, memberships or the folder tree
/// bumps one generation counter, so all earlier answers are ignored at once — here and, on the shared Redis, in
/// every module's <see cref="IWorkspaceAuthorizer"/> cache.
/// </summary>
public sealed class AccessDecisions(AccessEvaluator evaluator, IConnectionMultiplexer redis)
{
    private static readonly RedisKey GenerationKey = AccessGeneration.Key;
    private static readonly TimeSpan AnswerLifetime = TimeSpan.FromMinutes(5);

    public async Task<bool> IsAllowedAsync(Guid userId, AccessQuestion question, CancellationToken cancellationToken)
    {
        var cache = redis.GetDatabase();
        var generation = (long?)await cache.StringGetAsync(GenerationKey) ?? 0;
        var key = new RedisKey($"ghippo:authz:{generation}:{userId}:{question.CacheKey}");
        var cached = await cache.StringGetAsync(key);
        if (cached.HasValue)
        {
            return cached == "1";
        }

        var allowed = await evaluator.IsAllowedAsync(userId, question, cancellationToken);
        await cache.StringSetAsync(key, allowed ? "1" : "0", AnswerLifetime);
        return allowed;
    }

    /// <summary>Forgets every cached answer; call after the change is committed.</summary>
    public Task InvalidateAsync() => redis.GetDatabase().StringIncrementAsync(GenerationKey);
}
