using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dce.ClusterSearch.Model;
using Dce.Platform.Contracts.Authorization;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Dce.ClusterSearch.Search;

/// <summary>
/// Answers a search from the index, or from Redis when the same question (same query, same scope) was answered
/// since the last change of its type.
/// </summary>
internal sealed class ResourceSearch(NpgsqlDataSource dataSource, IndexVersions versions, IConnectionMultiplexer redis, IOptions<ClusterSearchOptions> options)
{
    private const string CachePrefix = "clustersearch:answer:";

    /// <summary>
    /// The answer in JSON, written as <paramref name="shape"/> asks; null when an object asked for by name is nowhere.
    /// <paramref name="skipCache"/> reads the index even when an answer is cached, and stores the fresh answer for later callers.
    /// </summary>
    public async Task<string?> SearchAsync(ResourceType type, SearchQuery query, ClusterScope scope, string question, AnswerShape shape, bool skipCache, CancellationToken cancellationToken)
    {
        var version = await versions.CurrentAsync(type);
        var key = version is { } v ? CacheKey(type, v, $"{shape}:{question}", scope) : null;
        if (key is not null && !skipCache && await TryReadAsync(key) is { } cached)
        {
            return cached.Length == 0 ? null : cached;
        }

        var answer = await QueryAsync(type, query, scope, shape, cancellationToken);
        if (key is not null)
        {
            await TryWriteAsync(key, answer ?? "");
        }

        return answer;
    }

    private async Task<string?> QueryAsync(ResourceType type, SearchQuery query, ClusterScope scope, AnswerShape shape, CancellationToken cancellationToken)
    {
        var sql = new SearchSql(type, query, scope);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var page = await IndexPage.ReadAsync(connection, sql, query, onlyMetadata: false, cancellationToken);
        var items = page.Rows.Select(r => (r.Cluster, r.Json)).ToList();
        if (query.ByName && items.Count == 0)
        {
            return null;
        }

        return shape switch
        {
            AnswerShape.Table or AnswerShape.TableWithObjects or AnswerShape.TableOnly => KubernetesTable.Write(type, items, page.Continue, page.RemainingItemCount, shape),
            AnswerShape.Object when items.Count == 1 => KubernetesList.Item(type, items[0].Cluster, items[0].Json).ToJsonString(),
            _ => KubernetesList.Write(type, items, page.Continue, page.RemainingItemCount),
        };
    }

    private async Task<string?> TryReadAsync(string key)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(key);
            return value.IsNull ? null : (string?)value;
        }
        catch (RedisException)
        {
            return null;
        }
    }

    private async Task TryWriteAsync(string key, string answer)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(key, answer, options.Value.CacheDuration);
        }
        catch (RedisException)
        {
            // The cache is an optimisation; the index answered.
        }
    }

    private static string CacheKey(ResourceType type, long version, string question, ClusterScope scope)
    {
        var identity = JsonSerializer.Serialize(new { question, scope.All, scope.Clusters, scope.Namespaces });
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
        return $"{CachePrefix}{type.Group}/{type.Resource}:{version}:{hash}";
    }
}
