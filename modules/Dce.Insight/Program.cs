using Dce.Insight.Infrastructure;
using Dce.ServiceDefaults.Data;

namespace Dce.Insight;

/// <summary>The module's entry point; tests host it through <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public sealed class Program
{
    public static Task Main(string[] args) =>
        ModuleRunner.RunModuleAsync<InsightDbContext>(args, builder => builder.AddInsight(), app => app.MapInsightApis());
}
