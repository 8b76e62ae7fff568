using System.Globalization;
using Dce.ContainerManagement.Benchmarks;

// dotnet run -c Release --project tests/Dce.ContainerManagement.Benchmarks -- [clusters] [deployments in the namespace] [requests per measurement]
// dotnet run -c Release --project tests/Dce.ContainerManagement.Benchmarks -- lists [pods in the large cluster] [clusters] [requests per measurement]
// The hosts find the modules' content roots through MvcTestingAppManifest.json, which they look for in the current folder.
Environment.CurrentDirectory = AppContext.BaseDirectory;
List<string> results;
if (args.Length > 0 && args[0] == "lists")
{
    var pods = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
    var clusters = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
    var requests = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 300;
    results = await ClusterWideListBenchmark.RunAsync(pods, clusters, requests);
}
else
{
    var clusters = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
    var deployments = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
    var requests = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 300;
    results = await ApiLatencyBenchmark.RunAsync(clusters, deployments, requests);
}

Console.WriteLine();
Console.WriteLine("| measurement | result |");
Console.WriteLine("| --- | --- |");
foreach (var line in results)
{
    Console.WriteLine(line);
}
