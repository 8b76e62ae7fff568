using System.Text.Json.Nodes;
using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Overrides;

/// <summary>Adds items to or removes items from the command or args of containers named in the overriders.</summary>
internal static class CommandArgsOverriding
{
    /// <summary>Applies the overriders to <c>command</c> or <c>args</c> (<paramref name="field"/>).</summary>
    public static void Apply(JsonObject manifest, string field, IReadOnlyList<CommandArgsOverrider> overriders)
    {
        foreach (var overrider in overriders)
        {
            if (overrider.Operator == OverriderOperator.Replace)
            {
                throw new OverrideException($"The {field}Overrider for container '{overrider.ContainerName}' uses 'replace'; only 'add' and 'remove' are allowed.");
            }

            var containersPath = PodTemplateContainers.PathOf(manifest["kind"]?.GetValue<string>() ?? "");
            if (containersPath is null || OverrideApplier.TryGet(manifest, containersPath) is not JsonArray containers)
            {
                continue;
            }

            // A workload without the named container is left as it is: one policy may select workloads of different shapes.
            foreach (var container in containers.OfType<JsonObject>().Where(container => container["name"]?.GetValue<string>() == overrider.ContainerName))
            {
                var current = container[field] is JsonArray items ? items.Select(item => item?.GetValue<string>() ?? "").ToList() : [];
                var next = overrider.Operator == OverriderOperator.Add
                    ? [.. current, .. overrider.Value]
                    : current.Where(item => !overrider.Value.Contains(item)).ToList();
                container[field] = new JsonArray([.. next.Select(item => JsonValue.Create(item))]);
            }
        }
    }
}
