using Dce.Kubernetes.Resources;
using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Templates;

namespace Dce.Multicloud.Propagation.Controllers;

/// <summary>
/// Reads the propagated objects back from every member (one list per kind per member, in parallel) into their Works'
/// <c>status.manifestStatuses</c>, and queues a Work again when its object is gone or was changed in the member.
/// </summary>
public sealed partial class MemberStatusController(ControllerContext context)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(context.Options.MemberStatusInterval, context.Time);
        do
        {
            var byCluster = context.Cache.Works.Objects.Where(work => !work.IsDeleting())
                .GroupBy(work => KarmadaNames.ClusterOf(work.Namespace() ?? ""))
                .Where(group => group.Key is not null)
                .ToList();
            await Parallel.ForEachAsync(byCluster, cancellationToken, async (works, ct) =>
            {
                try
                {
                    await PollAsync(works.Key!, works.ToList(), ct);
                }
                catch (Exception error) when (!ct.IsCancellationRequested)
                {
                    LogPollFailed(context.Logger, works.Key!, error.Message);
                }
            });
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private async Task PollAsync(string cluster, List<JsonObject> works, CancellationToken cancellationToken)
    {
        if (!Conditions.IsTrue(context.Cache.Clusters.Get(null, cluster)?["status"] as JsonObject, "Ready")
            || context.Members.Get(cluster, out _) is not { } member)
        {
            return;
        }

        var manifests = works.Select(work => (Work: work, Manifest: work["spec"]?["workload"]?["manifests"]?[0] as JsonObject))
            .Where(pair => pair.Manifest is not null)
            .ToList();
        foreach (var kindGroup in manifests.GroupBy(pair => TemplateKinds.Find(pair.Manifest!.ApiVersionName(), pair.Manifest!.KindName())))
        {
            if (kindGroup.Key is not { } kind)
            {
                continue;
            }

            var (items, _) = await member.ListAsync(kind, null, $"{KarmadaNames.ManagedLabel}=true", cancellationToken);
            var found = items.ToDictionary(item => $"{item.Namespace()}/{item.Name()}", StringComparer.Ordinal);
            foreach (var (work, manifest) in kindGroup)
            {
                var workKey = $"{work.Namespace()}/{work.Name()}";
                if (!found.TryGetValue($"{manifest!.Namespace()}/{manifest!.Name()}", out var memberObject) || !JsonSubset.Contains(memberObject, manifest))
                {
                    context.Execution.Add(workKey);
                    continue;
                }

                await ReflectAsync(work, kind, memberObject, cancellationToken);
            }
        }
    }

    private async Task ReflectAsync(JsonObject work, ResourceKind kind, JsonObject memberObject, CancellationToken cancellationToken)
    {
        var entry = new JsonObject
        {
            ["identifier"] = new JsonObject
            {
                ["ordinal"] = 0,
                ["group"] = kind.Group,
                ["version"] = kind.Version,
                ["kind"] = kind.Kind,
                ["namespace"] = memberObject.Namespace() ?? "",
                ["name"] = memberObject.Name(),
            },
            ["status"] = StatusInterpreter.Reflect(memberObject),
            ["health"] = StatusInterpreter.Health(memberObject),
        };
        var desired = new JsonArray(entry);
        if (JsonNode.DeepEquals(work["status"]?["manifestStatuses"], desired))
        {
            return;
        }

        await context.Api.UpdateStatusAsync(Kinds.Work, work.Namespace(), work.Name(), current =>
        {
            var status = current["status"] as JsonObject ?? (JsonObject)(current["status"] = new JsonObject());
            if (JsonNode.DeepEquals(status["manifestStatuses"], desired))
            {
                return false;
            }

            status["manifestStatuses"] = desired.DeepClone();
            return true;
        }, cancellationToken, work);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The status of the objects in cluster {Cluster} could not be read: {Reason}")]
    private static partial void LogPollFailed(ILogger logger, string cluster, string reason);
}
