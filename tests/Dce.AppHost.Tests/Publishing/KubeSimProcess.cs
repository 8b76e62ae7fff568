using System.Diagnostics;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>
/// Dce.KubeSim started as its own process, with its default clusters or the given settings (such as a
/// <c>--KubeSim:StateDirectory</c> that outlives the process, so another one can start on it); kubeconfigs in a throwaway folder.
/// </summary>
internal sealed class KubeSimProcess : IDisposable
{
    private readonly Process _process;

    private KubeSimProcess(Process process, string kubeconfigs)
    {
        _process = process;
        Kubeconfigs = kubeconfigs;
    }

    public string Kubeconfigs { get; }

    public static async Task<KubeSimProcess> StartAsync(params string[] settings) => await StartAsync(1, settings);

    /// <summary>Starts KubeSim and waits until <paramref name="clusters"/> kubeconfigs are written.</summary>
    public static async Task<KubeSimProcess> StartAsync(int clusters, params string[] settings)
    {
        var project = Path.Combine(Repository.Root, "modules", "Dce.KubeSim");
        var assembly = Path.Combine(project, "bin", "Debug", "net10.0", "Dce.KubeSim.dll");
        if (!File.Exists(assembly))
        {
            using var build = Process.Start("dotnet", ["build", project, "-v", "q"])!;
            await build.WaitForExitAsync();
        }

        var kubeconfigs = Path.Combine(Path.GetTempPath(), $"dce-kubesim-{Guid.NewGuid():N}");
        Directory.CreateDirectory(kubeconfigs);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments = [assembly, "--urls", "https://127.0.0.1:0", $"--KubeSim:KubeconfigDirectory={kubeconfigs}", $"--KubeSim:AdminToken={Guid.NewGuid():N}", .. settings];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = new KubeSimProcess(process, kubeconfigs);
        for (var attempt = 0; attempt < 120 && Directory.EnumerateFiles(kubeconfigs, "*.kubeconfig").Count() < clusters; attempt++)
        {
            await Task.Delay(500);
        }

        return started;
    }

    public string Kubeconfig => Directory.EnumerateFiles(Kubeconfigs, "*.kubeconfig").Order(StringComparer.Ordinal).First();

    public string KubeconfigOf(string cluster) => Path.Combine(Kubeconfigs, cluster + ".kubeconfig");

    /// <summary>Ends the process at once, as a crash or a power cut would: no shutdown, nothing flushed.</summary>
    public void Crash()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Crash();
        }

        _process.Dispose();
        Directory.Delete(Kubeconfigs, recursive: true);
    }
}
