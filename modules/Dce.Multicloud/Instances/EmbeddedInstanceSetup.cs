using System.Net;
using System.Text.Json.Nodes;
using Dce.Kubernetes.Resources;
using Dce.Multicloud.Engine.Crds;
using k8s;
using k8s.Autorest;

namespace Dce.Multicloud.Instances;

/// <summary>
/// Makes each embedded instance's API server a Karmada control plane: Karmada's CustomResourceDefinitions and namespaces,
/// created when missing (a real Karmada brings its own). Retries until the API server answers; every replica may do it.
/// </summary>
internal sealed partial class EmbeddedInstanceSetup(ControlPlanes planes, ILogger<EmbeddedInstanceSetup> logger) : BackgroundService
{
    private static readonly ResourceKind Definitions = new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false);
    private static readonly ResourceKind Namespaces = new("", "v1", "namespaces", "Namespace", Namespaced: false);
    private static readonly string[] KarmadaNamespaces = ["karmada-system", "karmada-cluster"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var settings in planes.All.Where(i => i.Embedded))
        {
            for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
            {
                try
                {
                    await PrepareAsync(planes.Find(settings.Name)!.Client, stoppingToken);
                    LogPrepared(logger, settings.Name);
                    break;
                }
                catch (Exception notYet) when (notYet is InstanceUnavailableException or HttpRequestException or HttpOperationException && !stoppingToken.IsCancellationRequested)
                {
                    LogNotYet(logger, settings.Name, attempt, notYet.Message);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), stoppingToken);
                }
            }
        }
    }

    private static async Task PrepareAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        foreach (var definition in KarmadaCrds.All)
        {
            await CreateUnlessExistsAsync(client, Definitions, ObjectDocument.Parse(definition), cancellationToken);
        }

        foreach (var name in KarmadaNamespaces)
        {
            await CreateUnlessExistsAsync(client, Namespaces,
                new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } },
                cancellationToken);
        }
    }

    private static async Task CreateUnlessExistsAsync(IKubernetes client, ResourceKind kind, JsonObject item, CancellationToken cancellationToken)
    {
        try
        {
            await ResourceClient.CreateAsync(client, kind, null, item, cancellationToken);
        }
        catch (HttpOperationException exists) when (exists.Response?.StatusCode == HttpStatusCode.Conflict)
        {
            // Created by an earlier start or another replica.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {Instance} serves Karmada's API")]
    private static partial void LogPrepared(ILogger logger, string instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {Instance} is not ready for Karmada's API yet (attempt {Attempt}): {Reason}")]
    private static partial void LogNotYet(ILogger logger, string instance, int attempt, string reason);
}
