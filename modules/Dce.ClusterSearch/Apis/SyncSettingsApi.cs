using Dce.ClusterSearch.Infrastructure;
using Dce.ClusterSearch.Model;
using Dce.ClusterSearch.Sync;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Platform.Contracts.Authorization;
using Dce.Platform.Contracts.Clusters;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dce.ClusterSearch.Apis;

/// <summary>
/// Per cluster, which types are synced: <c>GET</c> the settings (or the defaults) with the types they resolve to on the
/// cluster, <c>PUT</c> new ones, <c>DELETE</c> back to the defaults. The settings live in the module's table; every replica's
/// <see cref="SyncSupervisor"/> sees a new revision within a reconcile round and restarts that cluster's sync with them.
/// </summary>
internal static class SyncSettingsApi
{
    public const string PermissionResource = "syncresources";
    private static readonly TimeSpan DiscoveryTimeout = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapSyncSettingsApi(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup(ApiPaths.Group + "/clusters/{cluster}/syncresources").WithTags("Sync");
        settings.MapGet("", GetAsync).WithName("GetSyncSettings")
            .WithSummary("The types synced of a cluster: its settings (or the defaults) and the types they resolve to on the cluster");
        settings.MapPut("", PutAsync).RequireClusterPermission("update", PermissionResource).WithName("SetSyncSettings")
            .WithSummary("Chooses the types synced of a cluster; its sync restarts with them and objects of types no longer chosen leave the index");
        settings.MapDelete("", DeleteAsync).RequireClusterPermission("update", PermissionResource).WithName("ResetSyncSettings")
            .WithSummary("Returns a cluster to the default synced types");
        return app;
    }

    private static async Task<IResult> GetAsync(string cluster, HttpContext context, [AsParameters] SyncSettingsServices services)
    {
        if (await CallerScope.ResolveAsync(context) is not { } scope)
        {
            return Problems.ScopeUnavailable(context);
        }

        if (!scope.TouchesCluster(cluster) || await services.Db.Clusters.AsNoTracking().FirstOrDefaultAsync(c => c.Name == cluster, context.RequestAborted) is not { } known)
        {
            return UnknownCluster(cluster);
        }

        var settings = await services.Db.SyncSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Cluster == cluster, context.RequestAborted);
        return await AnswerAsync(known, settings, strict: false, services, context.RequestAborted);
    }

    private static async Task<IResult> PutAsync(string cluster, SyncSettingsBody? body, HttpContext context, [AsParameters] SyncSettingsServices services)
    {
        var (choices, field, error) = SyncSettingsInput.Read(body);
        if (choices is null)
        {
            return Problems.BadRequest(field!, error!);
        }

        if (await services.Db.Clusters.AsNoTracking().FirstOrDefaultAsync(c => c.Name == cluster, context.RequestAborted) is not { } known)
        {
            return UnknownCluster(cluster);
        }

        var settings = await services.Db.SyncSettings.FirstOrDefaultAsync(s => s.Cluster == cluster, context.RequestAborted);
        if (settings is null)
        {
            settings = new ClusterSyncSettings { Cluster = cluster };
            services.Db.SyncSettings.Add(settings);
        }

        settings.Resources = choices;
        settings.SyncAllCustomResources = body!.SyncAllCustomResources;
        settings.Revision = Guid.NewGuid();
        settings.UpdatedAt = services.Time.GetUtcNow();
        // Checked against the cluster before it is stored: an entry the cluster does not serve is refused, nothing changes.
        var answer = await AnswerAsync(known, settings, strict: true, services, context.RequestAborted);
        if (answer is Ok<SyncSettingsAnswer>)
        {
            await services.Db.SaveChangesAsync(context.RequestAborted);
        }

        return answer;
    }

    private static async Task<IResult> DeleteAsync(string cluster, HttpContext context, [AsParameters] SyncSettingsServices services)
    {
        if (await services.Db.Clusters.AsNoTracking().FirstOrDefaultAsync(c => c.Name == cluster, context.RequestAborted) is not { } known)
        {
            return UnknownCluster(cluster);
        }

        await services.Db.SyncSettings.Where(s => s.Cluster == cluster).ExecuteDeleteAsync(context.RequestAborted);
        return await AnswerAsync(known, null, strict: false, services, context.RequestAborted);
    }

    /// <summary>The settings and the types they resolve to; defaults need no question to the cluster.</summary>
    private static async Task<IResult> AnswerAsync(KnownCluster cluster, ClusterSyncSettings? settings, bool strict, SyncSettingsServices services,
        CancellationToken cancellationToken)
    {
        if (settings is null)
        {
            var defaults = services.Options.Value.EffectiveResources;
            return TypedResults.Ok(new SyncSettingsAnswer(cluster.Name, false,
                [.. defaults.GroupBy(t => (t.Group, t.Version)).Select(g => new SyncResourceChoice(g.Key.Group, [g.Key.Version], [.. g.Select(t => t.Resource)]))],
                false, [.. defaults.Select(EffectiveType.Of)]));
        }

        IReadOnlyList<ResourceType> types;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(DiscoveryTimeout);
            var kubeconfig = ClusterCredentialProtector.FromConfiguration(services.Configuration).Unprotect(cluster.ProtectedKubeconfig);
            using var connection = ClusterConnection.FromKubeconfig(kubeconfig, services.Loader);
            types = await SyncTypeResolver.ResolveAsync(connection, settings, strict, timeout.Token);
        }
        catch (SyncSettingsRefusal refusal)
        {
            return Problems.BadRequest(refusal.Entry ?? "syncResources", refusal.Message);
        }
        catch (Exception failure) when (failure is HttpRequestException or OperationCanceledException or InvalidOperationException or System.Text.Json.JsonException
                                        && !cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Problem($"Cluster {cluster.Name} did not answer its discovery ({failure.GetType().Name}); nothing was changed. Try again when it is reachable.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Cluster unavailable");
        }

        return TypedResults.Ok(new SyncSettingsAnswer(cluster.Name, true, settings.Resources, settings.SyncAllCustomResources, [.. types.Select(EffectiveType.Of)]));
    }

    private static IResult UnknownCluster(string cluster) =>
        Problems.NotFound($"Cluster Search follows no cluster '{cluster}' you may see; clusters join through Container Management.");

    internal sealed record SyncSettingsServices(
        [FromServices] ClusterSearchDbContext Db,
        [FromServices] IOptions<ClusterSearchOptions> Options,
        [FromServices] IConfiguration Configuration,
        [FromServices] KubeconfigLoader Loader,
        [FromServices] TimeProvider Time);

    /// <summary>The settings as stored (<see cref="Custom"/> false: the defaults) and the types they resolve to.</summary>
    internal sealed record SyncSettingsAnswer(string Cluster, bool Custom, IReadOnlyList<SyncResourceChoice> SyncResources, bool SyncAllCustomResources,
        IReadOnlyList<EffectiveType> EffectiveTypes);

    internal sealed record EffectiveType(string Group, string Version, string Resource, string Kind, bool Namespaced)
    {
        public static EffectiveType Of(ResourceType type) => new(type.Group, type.Version, type.Resource, type.Kind, type.Namespaced);
    }
}
