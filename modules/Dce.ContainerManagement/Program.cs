using Dce.ContainerManagement.Infrastructure;
using Dce.ServiceDefaults;
using Dce.ServiceDefaults.Data;

namespace Dce.ContainerManagement;

/// <summary>The module's entry point; tests host it through <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public sealed class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddContainerManagement();

        var app = builder.Build();
        // Cluster failures and unreachable middleware become ProblemDetails here, ahead of the developer exception page.
        app.UseExceptionHandler();
        app.UseForwardedHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.MapContainerManagementApis();
        await app.RunOrMigrateAsync<ContainerManagementDbContext>(args);
    }
}
