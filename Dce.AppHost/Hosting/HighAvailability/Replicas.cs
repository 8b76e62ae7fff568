using Microsoft.Extensions.Configuration;

namespace Dce.AppHost.Hosting.HighAvailability;

/// <summary>
/// How many replicas of each module and of the gateway the graph runs (<c>Dce:Replicas</c>, default 1). Replica 0 keeps
/// the module's own name, the others are <c>&lt;name&gt;-1</c>...; the surge slot used by upgrades is <c>&lt;name&gt;-surge</c>.
/// </summary>
public static class Replicas
{
    /// <summary>Configuration key of the replica count.</summary>
    public const string CountKey = "Dce:Replicas";

    /// <summary>The configured replica count, at least 1.</summary>
    public static int Count(IDistributedApplicationBuilder builder)
    {
        var count = builder.Configuration.GetValue(CountKey, 1);
        return count >= 1 ? count : throw new InvalidOperationException($"{CountKey} is {count}; it must be at least 1.");
    }

    /// <summary>The resource name of replica <paramref name="index"/> of <paramref name="module"/>.</summary>
    public static string Name(string module, int index) => index == 0 ? module : $"{module}-{index}";

    /// <summary>The resource name of the module's surge slot.</summary>
    public static string SurgeName(string module) => $"{module}-surge";
}
