using System.Globalization;

namespace Dce.Testing.KubeSim;

/// <summary>The <c>KubeSim:*</c> settings of named test clusters, whether KubeSim runs in the test process or in its own.</summary>
public static class KubeSimConfiguration
{
    /// <summary>
    /// Each of <paramref name="names"/> with 1 control-plane and <paramref name="workerNodes"/> 8-CPU/32Gi workers, pods Ready
    /// after <paramref name="podStartupDelay"/> (default 200 ms); <paramref name="settings"/> override or add keys.
    /// </summary>
    public static Dictionary<string, string?> For(IReadOnlyList<string> names, int workerNodes = 3, TimeSpan? podStartupDelay = null, IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        var configuration = new Dictionary<string, string?>
        {
            ["KubeSim:PodStartupDelay"] = (podStartupDelay ?? TimeSpan.FromMilliseconds(200)).ToString(),
        };
        for (var i = 0; i < names.Count; i++)
        {
            var prefix = $"KubeSim:Clusters:{i}:";
            configuration[prefix + "Name"] = names[i];
            configuration[prefix + "Provider"] = i % 2 == 0 ? "aws" : "azure";
            configuration[prefix + "Region"] = $"region-{i}";
            configuration[prefix + "Zones:0"] = $"region-{i}a";
            configuration[prefix + "NodePools:0:Name"] = "control-plane";
            configuration[prefix + "NodePools:0:Count"] = "1";
            configuration[prefix + "NodePools:0:ControlPlane"] = "true";
            configuration[prefix + "NodePools:1:Name"] = "workers";
            configuration[prefix + "NodePools:1:Count"] = workerNodes.ToString(CultureInfo.InvariantCulture);
            configuration[prefix + "NodePools:1:Cpu"] = "8";
            configuration[prefix + "NodePools:1:Memory"] = "32Gi";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        return configuration;
    }
}
