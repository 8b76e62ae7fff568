using System.Reflection;

namespace Dce.ServiceDefaults.Versioning;

/// <summary>
/// Which build of a module this process runs: the version and the commit the SDK stamps into the entry assembly's
/// informational version (<c>1.0.0+&lt;commit&gt;</c>), and when the process started. A rolling upgrade shows here.
/// </summary>
public sealed record BuildVersion(string Module, string Version, string? Commit, DateTimeOffset StartedAt)
{
    private static readonly DateTimeOffset ProcessStartedAt = DateTimeOffset.UtcNow;

    /// <summary>The build of the application named <paramref name="applicationName"/> (its entry assembly) in this process.</summary>
    public static BuildVersion OfApplication(string applicationName)
    {
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(new AssemblyName(applicationName));
        }
        catch (IOException)
        {
            assembly = Assembly.GetEntryAssembly() ?? typeof(BuildVersion).Assembly;
        }
        return Of(assembly, ProcessStartedAt);
    }

    /// <summary>The version and commit stamped into <paramref name="assembly"/>.</summary>
    public static BuildVersion Of(Assembly assembly, DateTimeOffset startedAt)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? new BuildVersion(assembly.GetName().Name ?? "", informational, null, startedAt)
            : new BuildVersion(assembly.GetName().Name ?? "", informational[..plus], informational[(plus + 1)..], startedAt);
    }

    /// <summary>The version with its commit, as telemetry reports it in <c>service.version</c>.</summary>
    public string Full => Commit is null ? Version : $"{Version}+{Commit}";
}
