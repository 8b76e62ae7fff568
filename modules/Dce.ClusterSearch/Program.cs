using Dce.ClusterSearch.Infrastructure;
using Dce.ServiceDefaults.Data;

namespace Dce.ClusterSearch;

/// <summary>The module's entry point; tests host it through <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public sealed class Program
{
    public static Task Main(string[] args) =>
        ModuleRunner.RunModuleAsync<ClusterSearchDbContext>(args, builder => builder.AddClusterSearch(), app => app.MapClusterSearchApis());
}
