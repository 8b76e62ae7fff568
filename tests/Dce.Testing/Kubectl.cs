using System.Diagnostics;

namespace Dce.Testing;

/// <summary>Runs the real kubectl binary, against one cluster's kubeconfig when given one (offline otherwise, e.g. <c>kustomize</c>).</summary>
public sealed class Kubectl(string? kubeconfig = null)
{
    public static string Binary => Environment.GetEnvironmentVariable("KUBECTL") ?? "kubectl";

    /// <summary>Runs kubectl without a kubeconfig and waits for it.</summary>
    public static KubectlResult Run(params string[] args) => new Kubectl().RunAsync(args).GetAwaiter().GetResult();

    /// <summary>Renders a kustomization, requiring success.</summary>
    public static string Kustomize(string directory)
    {
        var result = Run("kustomize", directory);
        return result.ExitCode == 0 ? result.Output : throw new InvalidOperationException($"kubectl kustomize {directory} failed: {result.Error}");
    }

    public async Task<KubectlResult> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    public async Task<KubectlResult> RunWithInputAsync(string? stdin, params string[] args)
    {
        using var process = Start(args, redirectInput: stdin is not null);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new KubectlResult(process.ExitCode, await output, await error);
    }

    /// <summary>Runs kubectl, requiring success.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed ({result.ExitCode}): {result.Error}{result.Output}");
    }

    public async Task<string> ApplyAsync(string manifest)
    {
        var result = await RunWithInputAsync(manifest, "apply", "-f", "-");
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"kubectl apply failed ({result.ExitCode}): {result.Error}{result.Output}");
    }

    public Process Start(string[] args, bool redirectInput = false)
    {
        var info = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        if (kubeconfig is not null)
        {
            info.Environment["KUBECONFIG"] = kubeconfig;
            info.Environment["HOME"] = Path.GetDirectoryName(kubeconfig)!;
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }
}

/// <summary>What a kubectl run printed and returned.</summary>
public sealed record KubectlResult(int ExitCode, string Output, string Error);
