using System.Diagnostics;
using System.Text;

namespace Dce.Upgrade.Tests.Releases;

/// <summary>
/// The previous release's modules, built from git history (<c>git archive</c> of the recorded commit into a folder of
/// its own, <c>dotnet build -c Debug</c> of the module projects only). A commit never changes, so a finished build is kept
/// under the temp folder and reused by later runs; an unfinished one is started over.
/// </summary>
internal sealed class PreviousReleaseBuild
{
    public static readonly string[] Modules = ["Dce.GlobalManagement", "Dce.ContainerManagement", "Dce.ClusterSearch"];

    private const string FinishedMarker = "built";

    private readonly string _source;

    private PreviousReleaseBuild(string commit, string source)
    {
        Commit = commit;
        _source = source;
    }

    public string Commit { get; }

    /// <summary>The built assembly of <paramref name="module"/>, run with <c>dotnet</c>.</summary>
    public string Assembly(string module) => Path.Combine(_source, "modules", module, "bin", "Debug", "net10.0", module + ".dll");

    public static async Task<PreviousReleaseBuild> BuildAsync()
    {
        var commit = await PreviousRelease.CommitAsync();
        var folder = Path.Combine(Path.GetTempPath(), $"dce-previous-release-{commit}");
        var build = new PreviousReleaseBuild(commit, Path.Combine(folder, "source"));
        if (File.Exists(Path.Combine(folder, FinishedMarker)))
        {
            return build;
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(build._source);
        var archive = Path.Combine(folder, "source.tar");
        await Git.OutputAsync("archive", "--format=tar", "-o", archive, commit);
        await RunAsync("tar", ["-xf", archive, "-C", build._source], build._source);
        foreach (var module in Modules)
        {
            await RunAsync("dotnet", ["build", Path.Combine("modules", module, module + ".csproj"), "-c", "Debug", "-nologo", "-v", "q", "-nodeReuse:false"], build._source);
        }

        await File.WriteAllTextAsync(Path.Combine(folder, FinishedMarker), commit);
        return build;
    }

    private static async Task RunAsync(string command, string[] arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} could not be started.");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building the previous release failed: {command} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}");
        }
    }
}
