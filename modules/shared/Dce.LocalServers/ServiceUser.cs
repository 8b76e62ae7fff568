using System.Diagnostics;

namespace Dce.LocalServers;

/// <summary>
/// The account a server runs as. PostgreSQL refuses to run as root and RabbitMQ expects its own user, so when
/// Dce runs as root each server drops to its package's system user through <c>setpriv</c>; otherwise it runs as the caller.
/// </summary>
public sealed record ServiceUser(string? Name)
{
    /// <summary>True when this process runs as root.</summary>
    public static bool IsRoot { get; } = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    /// <summary>The package's system user when running as root, else the caller.</summary>
    public static ServiceUser For(string systemUser) => new(IsRoot ? systemUser : null);

    /// <summary>Wraps a command so it runs as this user.</summary>
    public (string Command, IReadOnlyList<string> Arguments) Wrap(string command, IReadOnlyList<string> arguments) =>
        Name is null
            ? (command, arguments)
            : ("setpriv", [$"--reuid={Name}", $"--regid={Name}", "--init-groups", "--", command, .. arguments]);

    /// <summary>Gives the user the folder (recursively); a no-op when not running as root.</summary>
    public void Own(string directory)
    {
        if (Name is null)
        {
            return;
        }

        Execute("chown", ["-R", $"{Name}:{Name}", directory], environment: null);
    }

    /// <summary>Runs a command to completion as this user, failing with its output when it fails.</summary>
    public void Run(string command, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (wrapped, wrappedArgs) = Wrap(command, arguments);
        Execute(wrapped, wrappedArgs, environment);
    }

    private static void Execute(string command, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed with exit code {process.ExitCode}: {error}{output.Result}");
        }
    }
}
