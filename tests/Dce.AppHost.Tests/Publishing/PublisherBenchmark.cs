using System.Diagnostics;
using Dce.AppHost.Publishing;
using Dce.AppHost.Publishing.Graph;
using Xunit.Abstractions;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>
/// Publishing time as the graph grows (modules) and as targets are added (clouds): reading the graph, generating and
/// writing every file, median of five runs after a warm-up. Run:
/// <c>DCE_BENCHMARKS=1 dotnet test tests/Dce.AppHost.Tests --filter "FullyQualifiedName~PublisherBenchmark" --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class PublisherBenchmark(ITestOutputHelper output)
{
    private static readonly string[] Clouds = ["aws", "azure", "gcp", "openshift", "vmware", "onprem-arm64", "edge"];

    [BenchmarkFact]
    public async Task Publishing_time_by_modules_and_clouds()
    {
        output.WriteLine("| modules | clouds | files | reading the graph, ms | whole publish, ms |");
        output.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var modules in new[] { 1, 10, 50, 100 })
        {
            await MeasureAsync(modules, Clouds.Length);
        }

        foreach (var clouds in new[] { 1, 4 })
        {
            await MeasureAsync(10, clouds);
        }
    }

    private async Task MeasureAsync(int modules, int clouds)
    {
        var targets = $"--Dce:Kubernetes:Targets={string.Join(',', Clouds.Take(clouds))}";
        var (model, context, configuration) = TestGraph.Build(TestGraph.Platform(modules, targets));
        var options = new KubernetesPublishOptions(KubernetesPublishOptions.DefaultNamespace, "registry.test/dce", "1.0.0");
        var directory = Path.Combine(Path.GetTempPath(), $"dce-bench-{Guid.NewGuid():N}");
        var times = new List<double>();
        var reads = new List<double>();
        var files = 0;
        for (var run = 0; run < 6; run++)
        {
            var read = Stopwatch.StartNew();
            await new GraphReader(model, context, configuration).ReadAsync(options.Registry, options.Version, CancellationToken.None);
            read.Stop();
            var watch = Stopwatch.StartNew();
            var (manifests, _) = await KubernetesManifestPublisher.GenerateAsync(model, context, configuration, options, CancellationToken.None);
            manifests.WriteTo(directory);
            watch.Stop();
            files = manifests.Files.Count;
            if (run > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
                reads.Add(read.Elapsed.TotalMilliseconds);
            }
        }

        Directory.Delete(directory, recursive: true);
        times.Sort();
        reads.Sort();
        output.WriteLine($"| {modules} | {clouds} | {files} | {reads[reads.Count / 2]:F0} | {times[times.Count / 2]:F0} |");
    }
}
