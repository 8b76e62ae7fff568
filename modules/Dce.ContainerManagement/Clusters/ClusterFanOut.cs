namespace Dce.ContainerManagement.Clusters;

/// <summary>
/// Reads from several clusters at once, each through its own connection (and scope, since a scope's database context
/// serves one call at a time); a cluster that is unavailable or refuses the read is left out rather than failing the rest.
/// </summary>
public static class ClusterFanOut
{
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(IServiceScopeFactory scopes, IEnumerable<string> clusters,
        Func<ClusterConnection, IServiceProvider, Task<IEnumerable<T>>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(read);
        var lists = await Task.WhenAll(clusters.Select(async name =>
        {
            try
            {
                await using var scoped = scopes.CreateAsyncScope();
                var connection = await scoped.ServiceProvider.GetRequiredService<ClusterResolver>().ConnectAsync(name, cancellationToken);
                return (await read(connection, scoped.ServiceProvider)).ToList();
            }
            catch (Exception e) when (e is ClusterUnavailableException or HttpRequestException or k8s.Autorest.HttpOperationException)
            {
                return [];
            }
        }));
        return [.. lists.SelectMany(l => l)];
    }
}
