using Dce.KubeSim.Benchmarks;

var which = args.Length > 0 && args[0] != "--state" ? args[0] : "all";
if (args.Contains("--state"))
{
    BenchmarkHost.StateDirectory = Directory.CreateTempSubdirectory("dce-kubesim-bench-").FullName;
}
var results = new List<string>();
if (which is "all" or "rollout")
{
    results.AddRange(await RolloutBenchmark.RunAsync(TimeSpan.Zero));
    results.AddRange(await RolloutBenchmark.RunAsync(TimeSpan.FromMilliseconds(500)));
}
if (which is "all" or "list")
{
    results.AddRange(await ListBenchmark.RunAsync(100_000));
}
if (which is "all" or "watch")
{
    results.AddRange(await WatchBenchmark.RunAsync(watchers: 50, events: 500));
}
if (which is "all" or "memory")
{
    results.AddRange(await MemoryBenchmark.RunAsync(10_000));
}
Console.WriteLine();
Console.WriteLine("| measurement | result |");
Console.WriteLine("| --- | --- |");
foreach (var line in results)
{
    Console.WriteLine(line);
}
if (BenchmarkHost.StateDirectory is { } state)
{
    Directory.Delete(state, recursive: true);
}
