using Dce.ClusterSearch.Infrastructure;
using Dce.ServiceDefaults;
using Dce.ServiceDefaults.Data;

namespace Dce.ClusterSearch;

/// <summary>The module's entry point; tests host it through <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public sealed class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddClusterSearch();

        var app = builder.Build();
        // Unreachable middleware becomes 503 ProblemDetails here, ahead of the developer exception page.
        app.UseExceptionHandler();
        app.UseForwardedHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.MapClusterSearchApis();
        await app.RunOrMigrateAsync<ClusterSearchDbContext>(args);
    }
}
