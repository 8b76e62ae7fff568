using Dce.ContainerManagement;
using Dce.ContainerManagement.Infrastructure;
using Dce.ServiceDefaults;
using Dce.ServiceDefaults.Data;

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

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
