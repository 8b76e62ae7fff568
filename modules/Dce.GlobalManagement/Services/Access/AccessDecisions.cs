using System.Text.Json;
using Dce.Platform.Contracts.Authorization;
using Dce.ServiceDefaults.Caching;
using StackExchange.Redis;

namespace Dce.GlobalManagement.Services.Access;

/// <summary>
/// Cached answers to access questions in Redis. Every change of bindings, roles, memberships, workspace resources or
/// the folder tree bumps one generation counter, so all earlier answers are ignored at once — here and, on the shared
/// Redis, in every module's <see cref="IWorkspaceAuthorizer"/> and <see cref="IClusterAuthorizer"/> cache.
/// </summary>
public sealed class AccessDecisions(AccessEvaluator evaluator, IConnectionMultiplexer redis)
{
    private static readonly RedisKey GenerationKey = GlobalManagementApi.AccessGenerationKey;
    private static readonly TimeSpan AnswerLifetime = TimeSpan.FromMinutes(5);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<bool> IsAllowedAsync(Guid userId, AccessQuestion question, CancellationToken cancellationToken)
    {
        var cache = redis.GetDatabase();
        var key = await KeyAsync(cache, $"{userId}:{question.CacheKey}");
        var cached = await cache.StringGetAsync(key);
        if (cached.HasValue)
        {
            return cached == "1";
        }

        var allowed = await evaluator.IsAllowedAsync(userId, question, cancellationToken);
        await cache.StringSetAsync(key, allowed ? "1" : "0", AnswerLifetime);
        return allowed;
    }

    /// <summary>The clusters and namespaces where the user may do the action of the module on the resource type.</summary>
    public async Task<ClusterScope> ClusterScopeAsync(Guid userId, string module, string resourceType, string action, CancellationToken cancellationToken)
    {
        var cache = redis.GetDatabase();
        var key = await KeyAsync(cache, $"{userId}:scope:{module}:{resourceType}:{action}");
        if (await cache.StringGetAsync(key) is { HasValue: true } cached && JsonSerializer.Deserialize<ClusterScope>(cached.ToString(), Json) is { } scope)
        {
            return scope;
        }

        scope = await evaluator.ClusterScopeAsync(userId, module, resourceType, action, cancellationToken);
        await cache.StringSetAsync(key, JsonSerializer.Serialize(scope, Json), AnswerLifetime);
        return scope;
    }

    /// <summary>Forgets every cached answer; call after the change is committed.</summary>
    public Task InvalidateAsync() => redis.GetDatabase().StringIncrementAsync(GenerationKey);

    private static async Task<RedisKey> KeyAsync(IDatabase cache, string question)
    {
        var generation = (long?)await cache.StringGetAsync(GenerationKey) ?? 0;
        return CacheKeys.Bounded($"ghippo:authz:{generation}", question);
    }
}
