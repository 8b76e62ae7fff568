using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Controllers;
using Dce.Multicloud.Propagation.Informers;
using Dce.Multicloud.Propagation.Templates;

namespace Dce.Multicloud.Propagation;

/// <summary>Which change queues which controller: the informers' events become keys of the work queues.</summary>
public static class ControllerWiring
{
    public static void Connect(ControllerContext context, ResourceDetector detector)
    {
        var cache = context.Cache;
        foreach (var informer in cache.Templates.Values)
        {
            informer.OnChange((old, current) =>
            {
                var item = current ?? old!;
                if (item.Namespace() is { } ns && !KarmadaNames.IsSystemNamespace(ns))
                {
                    context.Detector.Add(ResourceDetector.KeyOf(informer.Kind.Kind, ns, item.Name()));
                    var binding = $"{ns}/{KarmadaNames.BindingName(item.Name(), informer.Kind.Kind)}";
                    context.Bindings.Add(binding);
                    context.Dependencies.Add(binding);
                }
            });
        }

        foreach (var policies in new[] { cache.PropagationPolicies, cache.ClusterPropagationPolicies })
        {
            policies.OnChange((old, current) =>
            {
                if (old is not null)
                {
                    detector.EnqueueForPolicy(old);
                }

                if (current is not null)
                {
                    detector.EnqueueForPolicy(current);
                }
            });
        }

        foreach (var overrides in new[] { cache.OverridePolicies, cache.ClusterOverridePolicies })
        {
            overrides.OnChange((old, current) =>
            {
                var ns = (current ?? old!).Namespace();
                foreach (var binding in cache.Bindings.Objects.Where(binding => ns is null || binding.Namespace() == ns))
                {
                    context.Bindings.Add(KeyOf(binding));
                }
            });
        }

        cache.Bindings.OnChange((old, current) =>
        {
            var key = KeyOf(current ?? old!);
            context.Scheduler.Add(key);
            context.Bindings.Add(key);
            context.Dependencies.Add(key);
            context.Status.Add(key);
            context.Eviction.Add(key);
        });

        cache.Works.OnChange((old, current) =>
        {
            var work = current ?? old!;
            if (current is not null)
            {
                context.Execution.Add(KeyOf(work));
                context.MemberStatus.Add(KeyOf(work));
            }

            if (ControlPlaneCache.BindingKeyOf(work) is { } binding)
            {
                context.Status.Add(binding);
                if (current is null)
                {
                    context.Bindings.Add(binding);
                }
            }
        });

        context.MemberObjects.OnChange((cluster, old, current) =>
        {
            var item = current ?? old!;
            if (item.Label(KarmadaNames.WorkNamespaceLabel) is { } workNamespace && item.Label(KarmadaNames.WorkNameLabel) is { } workName
                && KarmadaNames.ClusterOf(workNamespace) == cluster)
            {
                context.MemberStatus.Add($"{workNamespace}/{workName}");
            }
        });
        context.MemberObjects.OnSynced((cluster, kind) =>
        {
            var executionNamespace = KarmadaNames.ExecutionNamespace(cluster);
            foreach (var work in cache.Works.Objects.Where(work => work.Namespace() == executionNamespace
                         && work["spec"]?["workload"]?["manifests"]?[0]?["kind"]?.GetValue<string>() == kind.Kind))
            {
                context.MemberStatus.Add(KeyOf(work));
            }
        });

        cache.Clusters.OnChange((old, current) =>
        {
            if (current is null)
            {
                context.MemberObjects.Forget(old!.Name());
            }

            if (old is not null && current is not null && !SchedulingRelevantChange(old, current))
            {
                return;
            }

            foreach (var binding in cache.Bindings.Objects)
            {
                context.Scheduler.Add(KeyOf(binding));
                context.Bindings.Add(KeyOf(binding));
                context.Eviction.Add(KeyOf(binding));
            }

            var executionNamespace = KarmadaNames.ExecutionNamespace((current ?? old!).Name());
            foreach (var work in cache.Works.Objects.Where(work => work.Namespace() == executionNamespace))
            {
                context.Execution.Add(KeyOf(work));
                context.MemberStatus.Add(KeyOf(work));
            }
        });
    }

    /// <summary>Everything back into the queues: the periodic resync.</summary>
    public static void Resync(ControllerContext context)
    {
        foreach (var informer in context.Cache.Templates.Values)
        {
            foreach (var template in informer.Objects.Where(template => template.Namespace() is { } ns && !KarmadaNames.IsSystemNamespace(ns)))
            {
                context.Detector.Add(ResourceDetector.KeyOf(informer.Kind.Kind, template.Namespace()!, template.Name()));
            }
        }

        foreach (var binding in context.Cache.Bindings.Objects)
        {
            var key = KeyOf(binding);
            context.Scheduler.Add(key);
            context.Bindings.Add(key);
            context.Dependencies.Add(key);
            context.Status.Add(key);
            context.Eviction.Add(key);
        }

        // Drift of applied Works is reported by the members' watches; only the others are retried here.
        foreach (var work in context.Cache.Works.Objects.Where(work => work.IsDeleting() || !Conditions.IsTrue(work["status"] as JsonObject, "Applied")))
        {
            context.Execution.Add(KeyOf(work));
        }
    }

    private static bool SchedulingRelevantChange(JsonObject old, JsonObject current) =>
        !JsonNode.DeepEquals(old["spec"], current["spec"])
        || !JsonNode.DeepEquals(old["metadata"]?["labels"], current["metadata"]?["labels"])
        || Conditions.IsTrue(old["status"] as JsonObject, "Ready") != Conditions.IsTrue(current["status"] as JsonObject, "Ready")
        || (old["status"]?["resourceSummary"] is null) != (current["status"]?["resourceSummary"] is null);

    private static string KeyOf(JsonObject item) => $"{item.Namespace()}/{item.Name()}";
}
