using Dce.GlobalManagement.Infrastructure;
using Dce.ServiceDefaults.Data;

namespace Dce.GlobalManagement;

/// <summary>The module's entry point; tests host it through <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public sealed class Program
{
    public static Task Main(string[] args) =>
        ModuleRunner.RunModuleAsync<GlobalManagementDbContext>(args, builder => builder.AddGlobalManagement(), app => app.MapGlobalManagementApis());
}
