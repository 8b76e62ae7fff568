using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.GlobalManagement;
using Dce.ContainerManagement.Infrastructure;
using Dce.ContainerManagement.Model;
using Dce.EventBus;
using Dce.Kubernetes.Names;
using Dce.Platform.Contracts.Authorization;
using Dce.Platform.Contracts.IntegrationEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dce.ContainerManagement.Apis;

/// <summary>Joined clusters: integrate by kubeconfig, list with their health summaries, describe, remove.</summary>
public static class ClustersApi
{
    private const string Resource = "clusters";

    /// <summary>
    /// Joining a cluster is a platform right. Giving a joined cluster another kubeconfig is joining anew (the platform
    /// then acts with whatever credentials and server that kubeconfig names), so it needs the same right, not only a
    /// grant on the cluster.
    /// </summary>
    private const string JoinAction = "create";

    private static readonly ListSorting<ClusterView> Sorting = new ListSorting<ClusterView>("name", c => c.Name, c => c.Name)
        .By("createdAt", c => c.CreatedAt)
        .By("phase", c => c.Phase)
        .By("provider", c => c.Provider);

    public static IEndpointRouteBuilder MapClustersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters").WithTags("Clusters");
        api.MapGet("", ListAsync).WithName("ListClusters").WithSummary("Lists the clusters the caller's workspaces hold, with their health summaries.");
        api.MapPost("", IntegrateAsync).Audited("create", Resource).RequireWorkspacePermission(JoinAction, Resource)
            .WithName("CreateCluster").WithSummary("Joins an existing cluster by its kubeconfig, after connecting to it.");
        api.MapPost("/validate", ValidateAsync).RequireWorkspacePermission(JoinAction, Resource)
            .WithName("ValidateKubeConfig").WithSummary("Connects with a kubeconfig and tells what answers, without joining the cluster.");
        api.MapGet("/{name}", GetAsync).RequireClusterPermission("get", Resource, clusterRouteParameter: "name")
            .WithName("GetCluster").WithSummary("Describes a cluster with its latest health summary.");
        api.MapPut("/{name}", UpdateAsync).Audited("update", Resource).RequireClusterPermission("update", Resource, clusterRouteParameter: "name")
            .RequireWorkspacePermissionWhen(ReplacesKubeconfig, JoinAction, Resource)
            .WithName("UpdateCluster").WithSummary("Changes a cluster's alias, provider, region, zone, labels or kubeconfig.");
        api.MapDelete("/{name}", RemoveAsync).Audited("delete", Resource).RequireWorkspacePermission("delete", Resource)
            .WithName("DeleteCluster").WithSummary("Removes a cluster from the platform; refused while workspaces still use it.");
        api.MapPut("/{name}/labels", EditLabelsAsync).Audited("update", Resource).RequireClusterPermission("update", Resource, clusterRouteParameter: "name")
            .WithName("EditClusterLabels").WithSummary("Replaces a cluster's labels: {\"labels\": {...}}.");
        api.MapPost("/{name}/validate", ValidateClusterAsync).RequireClusterPermission("get", Resource, clusterRouteParameter: "name")
            .RequireWorkspacePermissionWhen(ChecksAnotherKubeconfig, JoinAction, Resource)
            .WithName("ValidateCluster").WithSummary("Tells which DCE components already run in the cluster (or the one kubeConfigString reaches).");
        app.MapGet(ApiPaths.V1Alpha1 + "/clustersummary", SummaryAsync).WithTags("Clusters")
            .WithName("ListClusterSummary").WithSummary("Name and phase of each cluster the caller's workspaces touch.");
        return app;
    }

    private static bool ReplacesKubeconfig(EndpointFilterInvocationContext context) =>
        context.Arguments.OfType<UpdateClusterRequest>().Any(request => request.KubeconfigText is not null);

    private static bool ChecksAnotherKubeconfig(EndpointFilterInvocationContext context) =>
        context.Arguments.OfType<ValidateClusterRequest>().Any(request => request.KubeConfigString is not null);

    internal static async Task<IResult> ListAsync(
        [AsParameters] ListQuery query, HttpContext http, ContainerManagementDbContext db, ClusterSummaryCache cache, CancellationToken cancellationToken)
    {
        if (query.ValidationProblem(Sorting) is ProblemHttpResult invalid)
        {
            return invalid;
        }

        var scope = await http.ClusterScopeAsync("list", Resource);
        var clusters = await db.Clusters.AsNoTracking().ToListAsync(cancellationToken);
        var visible = clusters.Where(c => scope.TouchesCluster(c.Name)).ToList();
        var summaries = await cache.GetAsync([.. visible.Select(c => c.Name)]);
        var views = visible.Select(c => ClusterView.Of(c, summaries.GetValueOrDefault(c.Name)));
        var page = views.ToPage(query, Sorting);
        return DceJson.Ok(new JsonObject
        {
            ["items"] = new JsonArray([.. page.Items.Select(v => (JsonNode)ClusterObjects.Of(v))]),
            ["pagination"] = JsonSerializer.SerializeToNode(page.Pagination, JsonOptions),
        });
    }

    internal static async Task<IResult> SummaryAsync(HttpContext http, ContainerManagementDbContext db, CancellationToken cancellationToken)
    {
        var scope = await http.ClusterScopeAsync("list", Resource);
        var clusters = await db.Clusters.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var summary = clusters.Where(c => scope.TouchesCluster(c.Name))
            .Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["phase"] = c.Phase.ToString() });
        return DceJson.Ok(new JsonObject { ["clusterSummary"] = new JsonArray([.. summary]) });
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    internal static async Task<IResult> GetAsync(
        string name, HttpContext http, ContainerManagementDbContext db, ClusterSummaryCache cache, CancellationToken cancellationToken)
    {
        TargetCluster.Record(http, name);
        if (await db.Clusters.AsNoTracking().FirstOrDefaultAsync(c => c.Name == name, cancellationToken) is not { } cluster)
        {
            return Problems.NotFound($"Cluster {name}");
        }

        var summaries = await cache.GetAsync([name]);
        return DceJson.Ok(ClusterObjects.Of(ClusterView.Of(cluster, summaries.GetValueOrDefault(name))));
    }

    /// <summary>A kubeconfig that connects answers <c>validateResult: true</c>; one that does not is a 400 naming why.</summary>
    internal static async Task<IResult> ValidateAsync(
        ValidateKubeconfigRequest request, KubeconfigConnector connector, IOptions<ContainerManagementOptions> options, CancellationToken cancellationToken)
    {
        var (check, error) = await connector.CheckAsync(request.KubeconfigText, options.Value.ProbeTimeout, cancellationToken);
        return check is not null
            ? DceJson.Ok(new JsonObject { ["validateResult"] = true, ["errMsg"] = "" })
            : new Validation().Require(false, request.KubeconfigField, error!).Problem();
    }

    internal static async Task<IResult> ValidateClusterAsync(string name, ValidateClusterRequest request, HttpContext http,
        [AsParameters] ClusterServices services, CancellationToken cancellationToken)
    {
        TargetCluster.Record(http, name);
        if (!await services.Db.Clusters.AnyAsync(c => c.Name == name, cancellationToken))
        {
            return Problems.NotFound($"Cluster {name}");
        }

        if (request.KubeConfigString is { } kubeconfig)
        {
            var (check, error) = await services.Connector.CheckAsync(kubeconfig, services.Options.Value.ProbeTimeout, cancellationToken);
            if (check is null)
            {
                return new Validation().Require(false, "kubeConfigString", error!).Problem();
            }
        }

        using var own = request.KubeConfigString is { } other ? services.Connector.Client(other, services.Options.Value.ProbeTimeout) : null;
        var client = own ?? await TargetCluster.Record(http, name).ClientAsync(cancellationToken);

        IReadOnlyList<JsonObject> namespaces;
        try
        {
            namespaces = await ResourceClient.ListAsync(client, Kubernetes.ResourceKinds.Namespaces, null, cancellationToken: cancellationToken);
        }
        catch (k8s.Autorest.HttpOperationException refused) when (own is not null)
        {
            // What a cluster the caller pointed at says is not repeated: its status line only.
            return new Validation().Require(false, "kubeConfigString",
                $"The cluster answered HTTP {(int)refused.Response.StatusCode} when its namespaces were listed with this kubeconfig.").Problem();
        }

        var present = namespaces.Select(n => n["metadata"]?["name"]?.ToString()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return DceJson.Ok(new JsonObject
        {
            ["dceComponents"] = new JsonObject(DceComponentNamespaces.Select(ns => KeyValuePair.Create(ns, (JsonNode?)present.Contains(ns)))),
        });
    }

    /// <summary>The namespaces DCE's own components run in; finding one in a cluster means another DCE already manages it.</summary>
    private static readonly string[] DceComponentNamespaces = ["kpanda-system", "insight-system", "ghippo-system", "mcamel-system"];

    internal static async Task<IResult> EditLabelsAsync(string name, ClusterLabelsRequest request, HttpContext http, [AsParameters] ClusterServices services,
        CancellationToken cancellationToken)
    {
        TargetCluster.Record(http, name);
        var validation = Describe(new Validation().Require(request.Labels is not null, "labels", "labels is required: the cluster's labels."), null, null, null, null, request.Labels);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (await services.Db.Clusters.FirstOrDefaultAsync(c => c.Name == name, cancellationToken) is not { } cluster)
        {
            return Problems.NotFound($"Cluster {name}");
        }

        cluster.Labels = request.Labels!;
        cluster.UpdatedAt = services.Time.GetUtcNow();
        await services.Record.SaveChangesAsync(services.Db, services.Outbox, cancellationToken);
        return DceJson.Ok(new JsonObject { ["labels"] = new JsonObject(cluster.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))) });
    }

    internal static async Task<IResult> IntegrateAsync(
        IntegrateClusterRequest request, [AsParameters] ClusterServices services, CancellationToken cancellationToken)
    {
        var provider = ProviderName(request.Provider);
        var validation = Describe(new Validation().Name("name", request.Name), request.AliasText, provider, request.Region, request.Zone, request.Labels);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (await services.Db.Clusters.AnyAsync(c => c.Name == request.Name, cancellationToken))
        {
            return Problems.Conflict($"A cluster named {request.Name} is already joined; choose another name or update that cluster.");
        }

        var (check, error) = await services.Connector.CheckAsync(request.KubeconfigText, services.Options.Value.ProbeTimeout, cancellationToken);
        if (check is null)
        {
            return new Validation().Require(false, request.KubeconfigField, error!).Problem();
        }

        var now = services.Time.GetUtcNow();
        var incarnation = await ClusterIncarnations.NextAsync(services.Db, cancellationToken);
        var cluster = new Cluster
        {
            Name = request.Name!,
            Incarnation = incarnation,
            Alias = request.AliasText,
            Provider = provider ?? "generic",
            Region = request.Region,
            Zone = request.Zone,
            Labels = request.Labels ?? [],
            ProtectedKubeconfig = services.Vault.Protect(request.KubeconfigText!),
            Phase = ClusterPhase.Running,
            KubernetesVersion = check.KubernetesVersion,
            PhaseChangedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        services.Db.Clusters.Add(cluster);
        services.Announcer.Announce(cluster);
        await services.Record.SaveChangesAsync(services.Db, services.Outbox, cancellationToken);
        return new DceJson(new JsonObject { ["cluster"] = ClusterObjects.Of(ClusterView.Of(cluster, null)) }, StatusCodes.Status201Created);
    }

    internal static async Task<IResult> UpdateAsync(
        string name, UpdateClusterRequest request, HttpContext http, [AsParameters] ClusterServices services, CancellationToken cancellationToken)
    {
        TargetCluster.Record(http, name);
        var provider = ProviderName(request.Provider);
        var validation = Describe(new Validation(), request.AliasText, provider, request.Region, request.Zone, request.Labels);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (await services.Db.Clusters.FirstOrDefaultAsync(c => c.Name == name, cancellationToken) is not { } cluster)
        {
            return Problems.NotFound($"Cluster {name}");
        }

        if (request.KubeconfigText is { } kubeconfig)
        {
            var (check, error) = await services.Connector.CheckAsync(kubeconfig, services.Options.Value.ProbeTimeout, cancellationToken);
            if (check is null)
            {
                return new Validation().Require(false, request.KubeconfigField, error!).Problem();
            }

            cluster.ProtectedKubeconfig = services.Vault.Protect(kubeconfig);
            cluster.Embedded = false;
            services.Announcer.Announce(cluster);
        }

        cluster.Alias = request.AliasText ?? cluster.Alias;
        cluster.Provider = provider ?? cluster.Provider;
        cluster.Region = request.Region ?? cluster.Region;
        cluster.Zone = request.Zone ?? cluster.Zone;
        cluster.Labels = request.Labels ?? cluster.Labels;
        cluster.UpdatedAt = services.Time.GetUtcNow();
        await services.Record.SaveChangesAsync(services.Db, services.Outbox, cancellationToken);
        var summaries = await services.Cache.GetAsync([name]);
        return DceJson.Ok(new JsonObject { ["cluster"] = ClusterObjects.Of(ClusterView.Of(cluster, summaries.GetValueOrDefault(name))) });
    }

    /// <summary>DCE spells providers as enum values (<c>DAOCLOUD_KUBESPRAY</c>); the module keeps them as names (<c>daocloud-kubespray</c>).</summary>
    private static string? ProviderName(string? provider) =>
        provider?.ToLowerInvariant().Replace('_', '-');

    internal static async Task<IResult> RemoveAsync(
        string name, HttpContext http, GlobalManagementClient globalManagement, [AsParameters] ClusterServices services, CancellationToken cancellationToken)
    {
        TargetCluster.Record(http, name);
        if (await services.Db.Clusters.FirstOrDefaultAsync(c => c.Name == name, cancellationToken) is not { } cluster)
        {
            return Problems.NotFound($"Cluster {name}");
        }

        var bindings = await globalManagement.BindingsAsync(name, cancellationToken);
        if (bindings.Count > 0)
        {
            var workspaces = string.Join(", ", bindings.Select(b => b.WorkspaceId).Distinct().Order());
            return Problems.Conflict($"Cluster {name} is still used by workspace(s) {workspaces}; unbind it and its namespaces from them first.");
        }

        services.Db.Clusters.Remove(cluster);
        services.Outbox.Add(new ClusterRemoved(name, cluster.Incarnation));
        await services.Record.SaveChangesAsync(services.Db, services.Outbox, cancellationToken);
        services.Clients.Forget(name);
        await services.Cache.RemoveAsync(name);
        return DceJson.Empty();
    }

    private static Validation Describe(Validation validation, string? alias, string? provider, string? region, string? zone, Dictionary<string, string>? labels)
    {
        validation.Text("alias", alias, 128).Text("region", region, 64).Text("zone", zone, 64);
        if (provider is not null)
        {
            validation.Name("provider", provider);
        }

        foreach (var (key, value) in labels ?? [])
        {
            validation.Require(KubernetesNames.IsLabelKey(key), $"labels[{key}]", $"Label key '{key}' is not a valid Kubernetes label key.")
                .Require(KubernetesNames.IsLabelValue(value), $"labels[{key}]", $"The value of label '{key}' is not a valid Kubernetes label value (63 characters, alphanumerics, '-', '_', '.').");
        }

        return validation;
    }
}

/// <summary>What the cluster endpoints need besides their route values.</summary>
internal sealed record ClusterServices(
    ContainerManagementDbContext Db,
    IIntegrationEventOutbox Outbox,
    MutationRecord Record,
    KubeconfigVault Vault,
    KubeconfigConnector Connector,
    ClusterAnnouncer Announcer,
    ClusterClients Clients,
    ClusterSummaryCache Cache,
    TimeProvider Time,
    IOptions<ContainerManagementOptions> Options);
