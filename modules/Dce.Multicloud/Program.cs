using Dce.Multicloud.Infrastructure;
using Dce.ServiceDefaults.Data;

namespace Dce.Multicloud;

/// <summary>The module's entry point; tests host it through <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public sealed class Program
{
    public static Task Main(string[] args) =>
        ModuleRunner.RunModuleAsync<MulticloudDbContext>(args, builder => builder.AddMulticloud(), app => app.MapMulticloudApis());
}
