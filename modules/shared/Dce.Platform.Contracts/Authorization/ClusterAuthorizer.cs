using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.ServiceDefaults.Caching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dce.Platform.Contracts.Authorization;

/// <summary>
/// Calls Global Management's <c>authorization:check</c> (with a cluster and namespace) and <c>authorization:scope</c>, and
/// keeps each answer briefly in Redis when the module has Redis.
/// </summary>
internal sealed class ClusterAuthorizer(HttpClient http, IOptions<WorkspaceAuthorizationOptions> options, IServiceProvider services) : IClusterAuthorizer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<bool> IsAllowedAsync(string subject, string bearerToken, ClusterAccessRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var (cache, key) = await CacheKeyAsync(settings, subject, $"cluster:{request.ResourceType}:{request.Action}:{request.Cluster}:{request.Namespace}");
        if (cache is not null && await cache.StringGetAsync(key) is { HasValue: true } cached)
        {
            return cached == "1";
        }

        var body = new { module = settings.Module, resourceType = request.ResourceType, action = request.Action, cluster = request.Cluster, @namespace = request.Namespace };
        using var response = await SendAsync(settings, GlobalManagementApi.CheckPath, bearerToken, body, cancellationToken);
        var allowed = response is not null && (await response.Content.ReadFromJsonAsync<CheckAnswer>(Json, cancellationToken))?.Allowed == true;
        if (cache is not null)
        {
            await cache.StringSetAsync(key, allowed ? "1" : "0", settings.CacheDuration);
        }

        return allowed;
    }

    public async Task<ClusterScope> ScopeAsync(string subject, string bearerToken, string action, string resourceType, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (cache, key) = await CacheKeyAsync(settings, subject, $"scope:{resourceType}:{action}");
        if (cache is not null && await cache.StringGetAsync(key) is { HasValue: true } cached
            && JsonSerializer.Deserialize<ClusterScope>(cached.ToString(), Json) is { } remembered)
        {
            return remembered;
        }

        var body = new { module = settings.Module, resourceType, action };
        using var response = await SendAsync(settings, GlobalManagementApi.ScopePath, bearerToken, body, cancellationToken);
        var scope = response is null
            ? ClusterScope.None
            : await response.Content.ReadFromJsonAsync<ClusterScope>(Json, cancellationToken) ?? throw new HttpRequestException("Global Management answered an empty scope.");
        if (cache is not null)
        {
            await cache.StringSetAsync(key, JsonSerializer.Serialize(scope, Json), settings.CacheDuration);
        }

        return scope;
    }

    /// <summary>The module's Redis and the answer's key there, which carries Global Management's generation; no cache when the module has no Redis.</summary>
    private async Task<(IDatabase? Cache, RedisKey Key)> CacheKeyAsync(WorkspaceAuthorizationOptions settings, string subject, string question)
    {
        var cache = services.GetService<IConnectionMultiplexer>()?.GetDatabase();
        if (cache is null)
        {
            return (null, default);
        }

        var generation = (long?)await cache.StringGetAsync(GlobalManagementApi.AccessGenerationKey) ?? 0;
        return (cache, CacheKeys.Bounded($"dce:authz:{generation}:{settings.Module}", $"{subject}:{question}"));
    }

    /// <summary>The successful answer, or null when Global Management refuses the caller (401/403); throws on any other failure.</summary>
    private async Task<HttpResponseMessage?> SendAsync(WorkspaceAuthorizationOptions settings, string path, string bearerToken, object body, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.Endpoint, path)) { Content = JsonContent.Create(body) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        var response = await GlobalManagementCall.SendAsync(http, message, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            response.Dispose();
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new HttpRequestException($"Global Management answered {(int)response.StatusCode} to {path}.", null, response.StatusCode);
        }

        return response;
    }

    private sealed record CheckAnswer(bool Allowed);
}
