using Dce.ContainerManagement.Infrastructure;
using Dce.ServiceDefaults.Data;

namespace Dce.ContainerManagement;

/// <summary>The module's entry point; tests host it through <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public sealed class Program
{
    public static Task Main(string[] args) =>
        ModuleRunner.RunModuleAsync<ContainerManagementDbContext>(args, builder => builder.AddContainerManagement(), app => app.MapContainerManagementApis());
}
