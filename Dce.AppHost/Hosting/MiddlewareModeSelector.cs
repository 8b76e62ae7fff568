using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Dce.AppHost.Hosting;

/// <summary>
/// Chooses each middleware resource's mode: an existing server when its connection string is configured; otherwise
/// <c>Dce:Middleware:Mode</c> (container | process), or when that is absent or <c>auto</c>, a container when a container
/// runtime answers and the OS packages when none does.
/// </summary>
public static class MiddlewareModeSelector
{
    /// <summary>Configuration key overriding automatic detection.</summary>
    public const string ModeKey = "Dce:Middleware:Mode";

    private static readonly Lazy<bool> ContainerRuntimeAnswers = new(ProbeContainerRuntime);

    /// <summary>The mode of resource <paramref name="name"/>.</summary>
    public static MiddlewareMode Select(IDistributedApplicationBuilder builder, string name)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)))
        {
            return MiddlewareMode.External;
        }

        // Publishing describes the production graph, where middleware are images (or existing servers).
        if (builder.ExecutionContext.IsPublishMode)
        {
            return MiddlewareMode.Container;
        }

        return builder.Configuration[ModeKey]?.ToLowerInvariant() switch
        {
            "container" => MiddlewareMode.Container,
            "process" => MiddlewareMode.Process,
            null or "" or "auto" => ContainerRuntimeAnswers.Value ? MiddlewareMode.Container : MiddlewareMode.Process,
            var other => throw new InvalidOperationException($"{ModeKey} is '{other}'; use auto, container or process."),
        };
    }

    private static bool ProbeContainerRuntime()
    {
        var runtime = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME")
            ?? Environment.GetEnvironmentVariable("DOTNET_ASPIRE_CONTAINER_RUNTIME")
            ?? "docker";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
