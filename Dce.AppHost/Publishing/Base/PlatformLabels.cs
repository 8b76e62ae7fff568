namespace Dce.AppHost.Publishing.Base;

/// <summary>The labels every object carries; selectors use <see cref="Name"/> only, so they never change with a release.</summary>
public static class PlatformLabels
{
    /// <summary>The workload's name label.</summary>
    public const string Name = "app.kubernetes.io/name";

    /// <summary>What the workload is: module, gateway, middleware, migration, telemetry.</summary>
    public const string Component = "app.kubernetes.io/component";

    /// <summary>The platform label, shared by every object.</summary>
    public const string PartOf = "app.kubernetes.io/part-of";

    /// <summary>The value of <see cref="PartOf"/>.</summary>
    public const string Platform = "dce";

    /// <summary>The labels of an object of workload <paramref name="name"/>.</summary>
    public static Dictionary<string, string> For(string name, string component) => new(StringComparer.Ordinal)
    {
        [Name] = name,
        [Component] = component,
        [PartOf] = Platform,
    };

    /// <summary>The selector of workload <paramref name="name"/>'s pods.</summary>
    public static Dictionary<string, string> Selector(string name) => new(StringComparer.Ordinal) { [Name] = name };
}
