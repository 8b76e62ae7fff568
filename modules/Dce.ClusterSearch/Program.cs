using Dce.ClusterSearch;
using Dce.ClusterSearch.Infrastructure;
using Dce.ServiceDefaults;
using Dce.ServiceDefaults.Data;

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

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
