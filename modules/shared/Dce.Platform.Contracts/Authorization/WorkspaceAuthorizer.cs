using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dce.ServiceDefaults.Caching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dce.Platform.Contracts.Authorization;

/// <summary>Calls Global Management's <c>authorization:check</c> and keeps each answer briefly in Redis when the module has Redis.</summary>
internal sealed class WorkspaceAuthorizer(HttpClient http, IOptions<WorkspaceAuthorizationOptions> options, IServiceProvider services) : IWorkspaceAuthorizer
{
    public async Task<bool> IsAllowedAsync(string subject, string bearerToken, WorkspaceAccessRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cache = services.GetService<IConnectionMultiplexer>()?.GetDatabase();
        var key = default(RedisKey);
        if (cache is not null)
        {
            var generation = (long?)await cache.StringGetAsync(GlobalManagementApi.AccessGenerationKey) ?? 0;
            key = CacheKeys.Bounded($"dce:authz:{generation}:{settings.Module}", $"{subject}:{request.ResourceType}:{request.Action}:{request.WorkspaceId}");
            if (await cache.StringGetAsync(key) is { HasValue: true } cached)
            {
                return cached == "1";
            }
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.Endpoint, GlobalManagementApi.CheckPath))
        {
            Content = JsonContent.Create(new { module = settings.Module, resourceType = request.ResourceType, action = request.Action, workspaceId = request.WorkspaceId }),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        using var response = await GlobalManagementCall.SendAsync(http, message, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<CheckAnswer>(cancellationToken);
        var allowed = answer?.Allowed == true;
        if (cache is not null)
        {
            await cache.StringSetAsync(key, allowed ? "1" : "0", settings.CacheDuration);
        }

        return allowed;
    }

    private sealed record CheckAnswer(bool Allowed);
}
