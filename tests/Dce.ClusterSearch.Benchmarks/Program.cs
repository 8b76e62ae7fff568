using Dce.ClusterSearch.Benchmarks;

// dotnet run -c Release --project tests/Dce.ClusterSearch.Benchmarks -- [clusters] [configmaps per cluster] [ingest]
// "ingest" stops after the initial sync: the ingest figures alone, for profiling the sync and the writer.
var clusters = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100;
var perCluster = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
var ingestOnly = args.Length > 2 && args[2] == "ingest";
var results = await SearchBenchmark.RunAsync(clusters, perCluster, ingestOnly);
Console.WriteLine();
Console.WriteLine("| measurement | result |");
Console.WriteLine("| --- | --- |");
foreach (var line in results)
{
    Console.WriteLine(line);
}
