using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Dce.LocalServers;
using Microsoft.Extensions.Configuration;

namespace Dce.AppHost.Hosting;

/// <summary>
/// Where middleware run from the OS packages keeps its data: <c>Dce:StateDirectory</c>, else <c>.dce/</c> beside the AppHost.
/// With <c>Dce:Middleware:Ephemeral=true</c> it is a throwaway folder removed when the AppHost stops.
/// </summary>
public static class StateFolder
{
    /// <summary>Configuration key of the state folder.</summary>
    public const string DirectoryKey = "Dce:StateDirectory";

    /// <summary>Configuration key of the throwaway switch.</summary>
    public const string EphemeralKey = "Dce:Middleware:Ephemeral";

    private static readonly ConditionalWeakTable<IDistributedApplicationBuilder, string> Resolved = [];

    /// <summary>The state folder of this AppHost, created with traverse-only rights for others so server users can reach their own folders.</summary>
    public static string Of(IDistributedApplicationBuilder builder) => Resolved.GetValue(builder, Create);

    /// <summary>The folder of one server inside the state folder.</summary>
    public static ServerFolder ForServer(IDistributedApplicationBuilder builder, string name) =>
        new(Path.Combine(Of(builder), name));

    private static string Create(IDistributedApplicationBuilder builder)
    {
        string path;
        if (builder.Configuration.GetValue<bool>(EphemeralKey))
        {
            path = Directory.CreateTempSubdirectory("dce-state-").FullName;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(path);
        }
        else
        {
            path = builder.Configuration[DirectoryKey] ?? DefaultPath(builder.AppHostDirectory);
            Directory.CreateDirectory(path);
        }

        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        return path;
    }

    // Server users (postgres, rabbitmq) must be able to traverse every parent; /root is closed to them.
    private static string DefaultPath(string appHostDirectory)
    {
        var beside = Path.Combine(appHostDirectory, ".dce");
        if (!ServiceUser.IsRoot || EveryParentTraversable(appHostDirectory))
        {
            return beside;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(appHostDirectory)))[..12];
        return Path.Combine("/var/lib/dce", hash);
    }

    private static bool EveryParentTraversable(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(current.FullName).HasFlag(UnixFileMode.OtherExecute))
            {
                return false;
            }
        }

        return true;
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
