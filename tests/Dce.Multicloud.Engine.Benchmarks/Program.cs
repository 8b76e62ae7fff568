using BenchmarkDotNet.Running;
using Dce.Multicloud.Engine.Benchmarks;

// dotnet run -c Release --project tests/Dce.Multicloud.Engine.Benchmarks -- --job short --inProcess --filter '*'
BenchmarkSwitcher.FromTypes([typeof(SchedulingBenchmark)]).Run(args);
