using System.Text.Json.Nodes;
using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Engine.Policies;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Templates;

namespace Dce.Multicloud.Propagation.Controllers;

/// <summary>
/// Karmada's resource detector: gives each template a propagation policy matches a ResourceBinding carrying the
/// policy's placement, and removes the binding of a template no policy matches any more (unless another workload
/// still needs it as a dependency).
/// </summary>
public sealed class ResourceDetector(ControllerContext context)
{
    public static string KeyOf(string kind, string ns, string name) => $"{kind}/{ns}/{name}";

    /// <summary>Queues the templates a change of <paramref name="policy"/> may concern: those its selectors name and those bound by it.</summary>
    public void EnqueueForPolicy(JsonObject policy)
    {
        var ns = policy.Namespace();
        var selectors = policy["spec"]?["resourceSelectors"] as JsonArray ?? [];
        foreach (var kind in selectors.OfType<JsonObject>().Select(selector => selector["kind"]?.GetValue<string>()).Distinct())
        {
            if (kind is not null && context.Cache.Templates.TryGetValue(kind, out var informer))
            {
                foreach (var template in informer.Objects.Where(template => ns is null || template.Namespace() == ns))
                {
                    context.Detector.Add(KeyOf(kind, template.Namespace() ?? "", template.Name()));
                }
            }
        }

        var (nameLabel, namespaceLabel) = ns is null ? (KarmadaNames.ClusterPolicyNameLabel, null) : (KarmadaNames.PolicyNameLabel, KarmadaNames.PolicyNamespaceLabel);
        foreach (var binding in context.Cache.Bindings.Objects.Where(binding => binding.Label(nameLabel) == policy.Name()
                     && (namespaceLabel is null || binding.Label(namespaceLabel) == ns)))
        {
            if (binding["spec"]?["resource"] is JsonObject resource)
            {
                context.Detector.Add(KeyOf(resource["kind"]?.GetValue<string>() ?? "", binding.Namespace() ?? "", resource["name"]?.GetValue<string>() ?? ""));
            }
        }
    }

    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var parts = key.Split('/', 3);
        var (kind, ns, name) = (parts[0], parts[1], parts[2]);
        var bindingName = KarmadaNames.BindingName(name, kind);
        var existing = context.Cache.Bindings.Get(ns, bindingName);
        var template = context.Cache.Template(kind, ns, name);
        var matched = template is null || template.IsDeleting() || KarmadaNames.IsSystemNamespace(ns)
            ? null
            : PolicyMatcher.ChoosePropagationPolicy(ResourceTemplate.FromManifest(template),
                context.Cache.PropagationPolicies.Objects.Where(policy => policy.Namespace() == ns).Select(policy => policy.As<PropagationPolicy>()),
                context.Cache.ClusterPropagationPolicies.Objects.Select(policy => policy.As<ClusterPropagationPolicy>()));

        if (template is null || matched is null)
        {
            if (existing is not null && template is not null && IsRequiredByOthers(existing))
            {
                await WriteAsync(template, null, existing, cancellationToken);
            }
            else if (existing is not null)
            {
                await context.Api.DeleteAsync(Kinds.ResourceBinding, ns, bindingName, cancellationToken);
            }

            return;
        }

        await WriteAsync(template, matched, existing, cancellationToken);
    }

    private static bool IsRequiredByOthers(JsonObject binding) => binding["spec"]?["requiredBy"] is JsonArray { Count: > 0 };

    /// <summary>Creates or updates the binding; a null <paramref name="policy"/> keeps a dependency's binding without a policy of its own.</summary>
    private async Task WriteAsync(JsonObject template, MatchedPropagationPolicy? policy, JsonObject? existing, CancellationToken cancellationToken)
    {
        var ns = template.Namespace()!;
        var name = KarmadaNames.BindingName(template.Name(), template.KindName());
        var policyObject = policy is null ? null : policy.Namespace is null
            ? context.Cache.ClusterPropagationPolicies.Get(null, policy.Name)
            : context.Cache.PropagationPolicies.Get(policy.Namespace, policy.Name);
        var desired = BindingSpec.Desired(template, policyObject);
        var labels = BindingSpec.PolicyLabels(policy);
        if (existing is null)
        {
            var binding = new JsonObject
            {
                ["apiVersion"] = Kinds.ResourceBinding.ApiVersion,
                ["kind"] = Kinds.ResourceBinding.Kind,
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["namespace"] = ns,
                    ["labels"] = labels.DeepClone(),
                    ["annotations"] = labels.DeepClone(),
                    ["ownerReferences"] = new JsonArray(BindingSpec.OwnerReference(template)),
                },
                ["spec"] = desired,
            };
            try
            {
                await context.Api.CreateAsync(Kinds.ResourceBinding, ns, binding, cancellationToken);
            }
            catch (KubeApiException error) when (error.IsAlreadyExists)
            {
                context.Detector.Add(KeyOf(template.KindName(), ns, template.Name()));
            }

            return;
        }

        if (BindingSpec.Matches(existing, desired, labels))
        {
            return;
        }

        await context.Api.UpdateAsync(Kinds.ResourceBinding, ns, name, current => BindingSpec.Apply(current, desired, labels, template), cancellationToken, existing);
    }
}
