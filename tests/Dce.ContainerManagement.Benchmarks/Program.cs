using System.Globalization;
using Dce.ContainerManagement.Benchmarks;

// dotnet run -c Release --project tests/Dce.ContainerManagement.Benchmarks -- [clusters] [deployments in the namespace] [requests per measurement]
var clusters = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
var deployments = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var requests = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 300;
// The hosts find the modules' content roots through MvcTestingAppManifest.json, which they look for in the current folder.
Environment.CurrentDirectory = AppContext.BaseDirectory;
var results = await ApiLatencyBenchmark.RunAsync(clusters, deployments, requests);
Console.WriteLine();
Console.WriteLine("| measurement | result |");
Console.WriteLine("| --- | --- |");
foreach (var line in results)
{
    Console.WriteLine(line);
}
