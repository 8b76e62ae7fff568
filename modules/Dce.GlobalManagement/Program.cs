using Dce.GlobalManagement;
using Dce.GlobalManagement.Infrastructure;
using Dce.ServiceDefaults;
using Dce.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGlobalManagement();

var app = builder.Build();
// Unreachable middleware becomes 503 ProblemDetails here, ahead of the developer exception page.
app.UseExceptionHandler();
app.UseForwardedHeaders();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapGlobalManagementApis();
await app.RunOrMigrateAsync<GlobalManagementDbContext>(args);

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
