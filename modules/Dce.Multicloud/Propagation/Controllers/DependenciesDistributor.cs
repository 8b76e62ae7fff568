using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Templates;

namespace Dce.Multicloud.Propagation.Controllers;

/// <summary>
/// Karmada's dependencies distributor: with <c>propagateDeps</c>, the ConfigMaps and Secrets a workload's pod template
/// uses get bindings whose <c>spec.requiredBy</c> names the workload's binding and its clusters, so they follow it.
/// </summary>
public sealed class DependenciesDistributor(ControllerContext context)
{
    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Keys.Split(key);
        var binding = context.Cache.Bindings.Get(ns, name);
        var template = binding?["spec"]?["resource"] is JsonObject resource
            ? context.Cache.Template(resource["kind"]?.GetValue<string>() ?? "", ns, resource["name"]?.GetValue<string>() ?? "")
            : null;
        var wanted = binding is not null && !binding.IsDeleting() && template is not null && binding["spec"]?["propagateDeps"]?.GetValue<bool>() == true
            ? PodTemplates.Dependencies(template)
            : new HashSet<(string Kind, string Name)>();
        var clusters = binding is null ? [] : BindingScheduler.TargetsOf(binding).Select(target => target.Name).Order(StringComparer.Ordinal).ToList();

        foreach (var (kind, dependency) in wanted)
        {
            if (context.Cache.Template(kind, ns, dependency) is { } dependencyTemplate)
            {
                await RequireAsync(dependencyTemplate, name, clusters, cancellationToken);
            }
        }

        var wantedBindings = wanted.Select(pair => KarmadaNames.BindingName(pair.Name, pair.Kind)).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in context.Cache.Bindings.Objects.Where(other => other.Namespace() == ns && !wantedBindings.Contains(other.Name()) && RequiredBy(other).Any(entry => entry.Name == name)).ToList())
        {
            await ReleaseAsync(stale, name, cancellationToken);
        }
    }

    private async Task RequireAsync(JsonObject dependency, string requirer, List<string> clusters, CancellationToken cancellationToken)
    {
        var ns = dependency.Namespace()!;
        var bindingName = KarmadaNames.BindingName(dependency.Name(), dependency.KindName());
        var entry = new JsonObject
        {
            ["namespace"] = ns,
            ["name"] = requirer,
            ["clusters"] = new JsonArray([.. clusters.Select(cluster => (JsonNode)new JsonObject { ["name"] = cluster })]),
        };
        var existing = context.Cache.Bindings.Get(ns, bindingName);
        if (existing is null)
        {
            var spec = BindingSpec.Desired(dependency, null);
            spec["requiredBy"] = new JsonArray(entry);
            try
            {
                await context.Api.CreateAsync(Kinds.ResourceBinding, ns, new JsonObject
                {
                    ["apiVersion"] = Kinds.ResourceBinding.ApiVersion,
                    ["kind"] = Kinds.ResourceBinding.Kind,
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = bindingName,
                        ["namespace"] = ns,
                        ["ownerReferences"] = new JsonArray(BindingSpec.OwnerReference(dependency)),
                    },
                    ["spec"] = spec,
                }, cancellationToken);
                return;
            }
            catch (KubeApiException error) when (error.IsAlreadyExists)
            {
            }
        }
        else if (RequiredBy(existing).Any(known => known.Name == requirer && JsonNode.DeepEquals(known.Entry, entry)))
        {
            return;
        }

        await context.Api.UpdateAsync(Kinds.ResourceBinding, ns, bindingName, current =>
        {
            var spec = current["spec"] as JsonObject ?? (JsonObject)(current["spec"] = new JsonObject());
            var list = spec["requiredBy"] as JsonArray ?? (JsonArray)(spec["requiredBy"] = new JsonArray());
            var known = list.OfType<JsonObject>().FirstOrDefault(item => item["name"]?.GetValue<string>() == requirer);
            if (known is not null && JsonNode.DeepEquals(known, entry))
            {
                return false;
            }

            if (known is not null)
            {
                list.Remove(known);
            }

            list.Add(entry.DeepClone());
            return true;
        }, cancellationToken);
    }

    /// <summary>Removes the requirer from the dependency's binding; a binding no policy and no workload wants any more goes.</summary>
    private async Task ReleaseAsync(JsonObject dependencyBinding, string requirer, CancellationToken cancellationToken)
    {
        var updated = await context.Api.UpdateAsync(Kinds.ResourceBinding, dependencyBinding.Namespace(), dependencyBinding.Name(), current =>
        {
            if (current["spec"]?["requiredBy"] is not JsonArray list)
            {
                return false;
            }

            var known = list.OfType<JsonObject>().Where(item => item["name"]?.GetValue<string>() == requirer).ToList();
            known.ForEach(item => list.Remove(item));
            return known.Count > 0;
        }, cancellationToken);
        if (updated is not null && RequiredBy(updated).Count == 0 && updated["spec"]?["placement"] is null)
        {
            await context.Api.DeleteAsync(Kinds.ResourceBinding, updated.Namespace(), updated.Name(), cancellationToken);
        }
    }

    private static List<(string Name, JsonObject Entry)> RequiredBy(JsonObject binding) =>
        (binding["spec"]?["requiredBy"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(entry => (entry["name"]?.GetValue<string>() ?? "", entry)).ToList();
}
