using System.Globalization;
using System.Text.Json.Nodes;

namespace Dce.Multicloud.Propagation;

/// <summary>
/// An instance's failover settings (DCE's instance failover): whether members that fail lose their workloads, after how
/// long, and how long a graceful eviction may wait for the replacements. Kept in the control plane as the ConfigMap
/// <c>karmada-system/dce-failover</c>, so the API of every replica and the engine read the same; absent values fall back
/// to the engine's options.
/// </summary>
public sealed record FailoverSettings(bool Enabled, TimeSpan? FailoverEvictionTimeout, TimeSpan? GracefulEvictionTimeout)
{
    public const string Namespace = "karmada-system";
    public const string Name = "dce-failover";

    public static FailoverSettings Default { get; } = new(true, null, null);

    public static FailoverSettings From(JsonObject? configMap)
    {
        if (configMap?["data"] is not JsonObject data)
        {
            return Default;
        }

        return new FailoverSettings(
            data["enabled"]?.GetValue<string>() != "false",
            Seconds(data["failoverEvictionTimeout"]),
            Seconds(data["gracefulEvictionTimeout"]));
    }

    public JsonObject ToConfigMap()
    {
        var data = new JsonObject { ["enabled"] = Enabled ? "true" : "false" };
        if (FailoverEvictionTimeout is { } failover)
        {
            data["failoverEvictionTimeout"] = ((long)failover.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        if (GracefulEvictionTimeout is { } graceful)
        {
            data["gracefulEvictionTimeout"] = ((long)graceful.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = Name, ["namespace"] = Namespace },
            ["data"] = data,
        };
    }

    private static TimeSpan? Seconds(JsonNode? value) =>
        value?.GetValue<string>() is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : null;
}
